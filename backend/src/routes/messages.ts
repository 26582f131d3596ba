import { Router } from 'express';
import type { messagesController } from '../controllers/messages.js';

export function messagesRouter(messages: ReturnType<typeof messagesController>) {
  return Router().get('/', messages.list).get('/:id', messages.get);
}

export function messageTemplatesRouter(messages: ReturnType<typeof messagesController>) {
  return Router().get('/', messages.templates).put('/:kind', messages.saveTemplate).delete('/:kind', messages.resetTemplate);
}
