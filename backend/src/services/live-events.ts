import type { Logger } from '../config/logger.js';
import type { AuditRecord } from '../store/ports/audit.js';
import type { AppointmentView, Store } from '../store/store.js';

/** The audit actions that change an appointment, and the event each becomes on the stream. */
export const EVENT_TYPES = {
  'appointment.book': 'appointment.booked',
  'appointment.cancel': 'appointment.cancelled',
  'appointment.reschedule': 'appointment.rescheduled',
  'appointment.check_in': 'appointment.checked_in',
  'appointment.complete': 'appointment.completed',
  'appointment.no_show': 'appointment.no_show',
} as const;

export type LiveEvent = { seq: number; type: (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES]; appointment: AppointmentView };
export type Subscriber = (events: LiveEvent[]) => void;

const ACTIONS = Object.keys(EVENT_TYPES);
const BATCH = 200;
/** A resume further back than this is answered with "reload", not a flood of old changes. */
export const REPLAY_LIMIT = 1000;

type Options = { pollMs: number };

/**
 * One reader per process turns the audit chain into appointment events for every open stream.
 * It reads on when the store says something changed (LISTEN/NOTIFY on PostgreSQL, at once on
 * PGlite) and every `pollMs` besides, for a notice that was lost or an engine without notices.
 * The chain's seq is the event id: it orders every process's writes, so a client that resumes
 * from the last id it saw misses nothing.
 */
export function liveEvents(store: Store, logger: Logger, { pollMs }: Options) {
  const subscribers = new Set<Subscriber>();
  let last: number | null = null;
  let reading: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopListening: (() => void) | null = null;
  let starting: Promise<void> = Promise.resolve();

  async function eventsOf(records: AuditRecord[]): Promise<LiveEvent[]> {
    const views = await Promise.all(records.map((record) => (record.resourceId ? store.appointments.get(record.resourceId) : null)));
    return records.flatMap((record, index) => {
      const appointment = views[index];
      const type = EVENT_TYPES[record.action as keyof typeof EVENT_TYPES];
      return appointment && type ? [{ seq: record.seq, type, appointment }] : [];
    });
  }

  async function readOn() {
    await starting;
    if (last === null) return;
    for (;;) {
      const records = await store.audit.after(last, ACTIONS, BATCH);
      if (records.length === 0) return;
      last = records.at(-1)!.seq;
      const events = await eventsOf(records);
      if (events.length > 0) subscribers.forEach((subscriber) => subscriber(events));
    }
  }

  function wake() {
    if (subscribers.size === 0) return;
    if (reading) {
      again = true;
      return;
    }
    reading = readOn()
      .catch((error: unknown) => void logger.warn('live events: reading the audit chain failed', { error: String(error) }))
      .finally(() => {
        reading = null;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  // Where reading starts is fixed before the first stream is told it is listening, so nothing
  // committed after that moment can be skipped.
  async function start() {
    last = await store.audit.lastSeq();
    stopListening = store.onChange?.(wake) ?? null;
    timer = setInterval(wake, pollMs);
    timer.unref();
  }

  function stop() {
    stopListening?.();
    if (timer) clearInterval(timer);
    stopListening = null;
    timer = null;
    last = null;
  }

  return {
    /** The newest event id now: where a new stream starts. */
    latest: () => store.audit.lastSeq(),
    /** Events after `seq`, up to REPLAY_LIMIT; `complete` is false when more were left out. */
    async replay(seq: number): Promise<{ events: LiveEvent[]; complete: boolean }> {
      const records = await store.audit.after(seq, ACTIONS, REPLAY_LIMIT + 1);
      return { events: await eventsOf(records.slice(0, REPLAY_LIMIT)), complete: records.length <= REPLAY_LIMIT };
    },
    async subscribe(subscriber: Subscriber): Promise<() => void> {
      if (subscribers.size === 0) starting = start();
      subscribers.add(subscriber);
      await starting;
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0) stop();
      };
    },
  };
}

export type LiveEvents = ReturnType<typeof liveEvents>;
