import * as contract from '@clinic/contract/messages';
import { named, pagingQuery } from './common.js';

export const listMessagesQuery = contract.messagesQuery.and(pagingQuery);
export const templateBody = named('MessageTemplateInput', contract.templateBody);
export const templateKindParams = contract.templateKindParams;
export const messageSummarySchema = named('MessageSummary', contract.messageSummarySchema);
export const messageSchema = named('Message', contract.messageSchema);
export const messagesListSchema = named('MessageList', contract.messagesListSchema);
export const messageTemplateSchema = named('MessageTemplate', contract.messageTemplateSchema);
