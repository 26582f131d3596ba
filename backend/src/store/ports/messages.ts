/** Emails to patients, made from the audit chain after a shared cursor, and the clinic's templates for them. */

import type { Page, PageOf } from '../store.js';

export const MESSAGE_KINDS = ['confirmation', 'reminder', 'rescheduled', 'cancelled', 'waitlist_offer'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** pending → sent | failed (a day of retries) | dropped (no longer wanted) | unsent (no address, no SMTP). */
export const MESSAGE_STATUSES = ['pending', 'sent', 'failed', 'dropped', 'unsent'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export type Message = {
  id: string;
  kind: MessageKind;
  appointmentId: string | null;
  /** For a reminder, the start it was made for. */
  appointmentStart: Date | null;
  /** The audit record it was made from. */
  eventSeq: number;
  recipient: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  ics: string | null;
  sendAt: Date;
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export type NewMessage = Pick<
  Message,
  | 'kind'
  | 'appointmentId'
  | 'appointmentStart'
  | 'eventSeq'
  | 'recipient'
  | 'subject'
  | 'textBody'
  | 'htmlBody'
  | 'ics'
  | 'sendAt'
  | 'createdAt'
> & { status: 'pending' | 'unsent'; lastError: string | null };

/** The pending reminders of an appointment made from records before `beforeSeq`: a later move or cancel ends them. */
export type ReminderDrop = { appointmentId: string; beforeSeq: number };

/** What became of one attempt. */
export type MessageOutcome =
  | { status: 'sent'; at: Date }
  | { status: 'pending'; error: string; retryAt: Date }
  | { status: 'failed' | 'dropped' | 'unsent'; error: string };

export type MessageTemplate = { kind: MessageKind; subject: string; text: string; html: string; updatedAt: Date };

export type MessageFilter = Page & { appointmentId?: string; status?: MessageStatus };

export interface MessageRepository {
  /** Newest first. */
  list(filter: MessageFilter): Promise<PageOf<Message>>;
  get(id: string): Promise<Message | null>;
  /** Where the shared cursor stands on the audit chain. */
  cursor(): Promise<number>;
  /**
   * Stores the messages, then drops the reminders named, and moves the cursor from `from` to `to`,
   * atomically, unless another process moved it first (false: nothing written, read again). A
   * message already made for its event, kind and time is kept as it is.
   */
  advance(from: number, to: number, messages: NewMessage[], drops: ReminderDrop[]): Promise<boolean>;
  /** Claims up to `limit` pending messages due by `now` that no live claim holds, counting the attempt. */
  claimDue(now: Date, claimUntil: Date, limit: number): Promise<Message[]>;
  settle(id: string, outcome: MessageOutcome): Promise<void>;
  /** The clinic's own templates (kinds without one use the default). */
  templates(): Promise<MessageTemplate[]>;
  saveTemplate(template: Omit<MessageTemplate, 'updatedAt'>): Promise<MessageTemplate>;
  /** False when the kind had none. */
  removeTemplate(kind: MessageKind): Promise<boolean>;
}
