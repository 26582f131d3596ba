import { TEMPLATE_VARIABLES, type MessageBody, type MessageSummaryBody, type MessageTemplateBody } from '@clinic/contract/messages';
import type { Request, Response } from 'express';
import { idParams } from '../schemas/common.js';
import { listMessagesQuery, templateBody, templateKindParams } from '../schemas/messages.js';
import type { MessageService } from '../services/messages.js';
import type { Message } from '../store/ports/messages.js';
import { parse } from './parse.js';
import { ok } from './present.js';

const presentSummary = (message: Message): MessageSummaryBody => ({
  id: message.id,
  kind: message.kind,
  appointmentId: message.appointmentId,
  recipient: message.recipient,
  subject: message.subject,
  status: message.status,
  attempts: message.attempts,
  lastError: message.lastError,
  sendAt: message.sendAt.toISOString(),
  createdAt: message.createdAt.toISOString(),
  sentAt: message.sentAt?.toISOString() ?? null,
});

const presentMessage = (message: Message): MessageBody => ({
  ...presentSummary(message),
  text: message.textBody,
  html: message.htmlBody,
  ics: message.ics,
});

type Template = Omit<MessageTemplateBody, 'updatedAt' | 'variables'> & { updatedAt: Date | null };
const presentTemplate = (template: Template): MessageTemplateBody => ({
  ...template,
  updatedAt: template.updatedAt?.toISOString() ?? null,
  variables: [...TEMPLATE_VARIABLES],
});

export function messagesController(messages: MessageService) {
  return {
    list: async (req: Request, res: Response) => {
      const query = parse(listMessagesQuery, req.query, 'query');
      const page = await messages.list(query);
      res.json({
        success: true,
        data: page.items.map(presentSummary),
        meta: { total: page.total, limit: query.limit, offset: query.offset, smtpConfigured: messages.smtpConfigured },
      });
    },
    get: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      res.json(ok(presentMessage(await messages.get(id))));
    },
    templates: async (_req: Request, res: Response) => {
      res.json(ok((await messages.templates.list()).map(presentTemplate)));
    },
    saveTemplate: async (req: Request, res: Response) => {
      const { kind } = parse(templateKindParams, req.params, 'params');
      const body = parse(templateBody, req.body, 'body');
      res.json(ok(presentTemplate(await messages.templates.save(kind, body))));
    },
    resetTemplate: async (req: Request, res: Response) => {
      const { kind } = parse(templateKindParams, req.params, 'params');
      res.json(ok(presentTemplate(await messages.templates.reset(kind))));
    },
  };
}
