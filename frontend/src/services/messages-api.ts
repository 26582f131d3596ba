// Emails to patients and their templates, through the one fetch client in api.ts.
import type { MessageBody, MessageKind, MessageSummaryBody, MessageTemplateBody, TemplateBody } from '@clinic/contract/messages';
import { request } from './api';

export type { MessageBody as Message, MessageKind, MessageSummaryBody as MessageSummary, MessageTemplateBody as MessageTemplate };

export type MessagesPage = { items: MessageSummaryBody[]; total: number; smtpConfigured: boolean };

export async function listMessages(query: { limit: number; offset: number }): Promise<MessagesPage> {
  const { data, meta } = await request<MessageSummaryBody[]>('/messages', { query });
  const extra = meta as { total: number; smtpConfigured?: boolean } | undefined;
  return { items: data, total: extra?.total ?? data.length, smtpConfigured: extra?.smtpConfigured ?? false };
}

export async function getMessage(id: string): Promise<MessageBody> {
  return (await request<MessageBody>(`/messages/${encodeURIComponent(id)}`)).data;
}

export async function listTemplates(): Promise<MessageTemplateBody[]> {
  return (await request<MessageTemplateBody[]>('/message-templates')).data;
}

export async function saveTemplate(kind: MessageKind, body: TemplateBody): Promise<MessageTemplateBody> {
  return (await request<MessageTemplateBody>(`/message-templates/${kind}`, { method: 'PUT', body })).data;
}

export async function resetTemplate(kind: MessageKind): Promise<MessageTemplateBody> {
  return (await request<MessageTemplateBody>(`/message-templates/${kind}`, { method: 'DELETE' })).data;
}
