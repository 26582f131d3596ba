import type { MessageKind } from '../../services/messages-api';

const LABELS: Record<MessageKind, string> = {
  confirmation: 'Confirmation',
  reminder: 'Reminder',
  rescheduled: 'Moved',
  cancelled: 'Cancelled',
  waitlist_offer: 'Waitlist offer',
};

export const kindLabel = (kind: MessageKind) => LABELS[kind];
