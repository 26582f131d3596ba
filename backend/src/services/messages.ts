import type { Logger } from '../config/logger.js';
import { runRounds } from './rounds.js';
import { NotFoundError } from '../errors.js';
import type { Message, MessageFilter, NewMessage, ReminderDrop } from '../store/ports/messages.js';
import type { Store } from '../store/store.js';
import { MESSAGE_ACTIONS, messageComposer, NO_EMAIL } from './messages/compose.js';
import type { Mailer } from './messages/mailer.js';
import { messageTemplates } from './messages/templates.js';
import type { PatientLinks } from './patient-links.js';
import { retryAt } from './webhooks.js';

const BATCH = 200;
// A few at a time, so that several processes share a burst rather than one taking it all.
const CLAIM_BATCH = 5;
export const NO_SMTP = 'SMTP_URL is not set';
const NOT_WANTED = 'the appointment was moved or cancelled';

type Options = {
  clinicZone: string;
  reminderHours: readonly number[];
  links: PatientLinks;
  claimMs: number;
  /** Null without SMTP_URL: due messages are recorded as unsent, never sent later by surprise. */
  mailer: Mailer | null;
  clock?: () => Date;
};

/** Emails to patients made from the audit chain, the worker that sends them, and their templates. */
export function messageService(store: Store, logger: Logger, options: Options) {
  const clock = options.clock ?? (() => new Date());
  const templates = messageTemplates(store);
  const composer = messageComposer(store, options);

  /** Messages for the chain's new records, made once whichever process gets there. */
  async function makeMessages(): Promise<void> {
    for (;;) {
      const from = await store.messages.cursor();
      const records = await store.audit.after(from, MESSAGE_ACTIONS, BATCH);
      if (records.length === 0) return;
      const current = await templates.current();
      const now = clock();
      const messages: NewMessage[] = [];
      const drops: ReminderDrop[] = [];
      for (const record of records) {
        const made = await composer.of(record, current, now);
        messages.push(...made.messages);
        drops.push(...made.drops);
      }
      // Another process moved the cursor first: it made these, and the loop reads on from there.
      await store.messages.advance(from, records.at(-1)!.seq, messages, drops);
    }
  }

  /** A reminder is sent only for the visit it was made for: a cancel or move not yet read may have ended it. */
  async function stillWanted(message: Message, now: Date): Promise<boolean> {
    if (message.kind !== 'reminder' || !message.appointmentId) return true;
    const appointment = await store.appointments.get(message.appointmentId);
    return (
      appointment?.status === 'BOOKED' && appointment.start.getTime() === message.appointmentStart?.getTime() && appointment.start > now
    );
  }

  async function deliver(message: Message): Promise<void> {
    const now = clock();
    if (!(await stillWanted(message, now))) return store.messages.settle(message.id, { status: 'dropped', error: NOT_WANTED });
    if (!message.recipient) return store.messages.settle(message.id, { status: 'unsent', error: NO_EMAIL });
    if (!options.mailer) return store.messages.settle(message.id, { status: 'unsent', error: NO_SMTP });
    try {
      await options.mailer(message);
      await store.messages.settle(message.id, { status: 'sent', at: clock() });
    } catch (failure) {
      const error = failure instanceof Error ? failure.message : String(failure);
      // A day of retries from when it was due, as webhooks get.
      const next = retryAt(message.attempts, message.sendAt, clock());
      // The message id and kind only: an address is patient contact data and stays out of the logs.
      logger.warn('message delivery failed', { messageId: message.id, kind: message.kind, attempts: message.attempts });
      await store.messages.settle(message.id, next ? { status: 'pending', error, retryAt: next } : { status: 'failed', error });
    }
  }

  /** One round: make what is new, then send what is due, each message claimed by one process. */
  async function tick(): Promise<void> {
    await makeMessages();
    for (;;) {
      const now = clock();
      const due = await store.messages.claimDue(now, new Date(now.getTime() + options.claimMs), CLAIM_BATCH);
      if (due.length === 0) return;
      await Promise.all(due.map(deliver));
    }
  }

  return {
    smtpConfigured: options.mailer !== null,
    list: (filter: MessageFilter) => store.messages.list(filter),
    get: async (id: string) => {
      const message = await store.messages.get(id);
      if (!message) throw new NotFoundError('Message not found');
      return message;
    },
    templates,
    tick,
    /** Runs rounds every `everyMs` and soon after any change the store hears of; answers how to stop. */
    start: (everyMs: number) => runRounds(tick, logger, 'message', { everyMs, onChange: store.onChange }),
  };
}

export type MessageService = ReturnType<typeof messageService>;
