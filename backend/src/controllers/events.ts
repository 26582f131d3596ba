import type { Request, Response } from 'express';
import { eventsQuery } from '../schemas/events.js';
import type { AuditService } from '../services/audit.js';
import { dayBounds } from '../services/clinic-time.js';
import type { LiveEvent, LiveEvents } from '../services/live-events.js';
import { confinedToDoctor } from '../services/scope.js';
import { parse } from './parse.js';
import { presentAppointment } from './present.js';

type Options = { timezone: string; heartbeatMs: number };

/** `Last-Event-ID` as EventSource sends it on reconnect, or `?lastEventId=` from a client that cannot set headers. */
function resumePoint(req: Request, query: { lastEventId?: number }): number | null {
  const header = req.get('Last-Event-ID');
  const value = header !== undefined && /^\d{1,15}$/.test(header.trim()) ? Number(header) : query.lastEventId;
  return value ?? null;
}

/**
 * GET /api/events: Server-Sent Events of appointment changes, each carrying the appointment as it
 * is now. The stream starts with `ready` (its id is where a reconnect resumes) and replays what
 * a reconnecting client missed; `reset` means too much was missed to replay: read everything again.
 */
export function eventsController(live: LiveEvents, audit: AuditService, { timezone, heartbeatMs }: Options) {
  const open = new Set<Response>();

  const stream = async (req: Request, res: Response) => {
    const query = parse(eventsQuery, req.query, 'query');
    const own = confinedToDoctor();
    const from = query.from ? dayBounds(query.from, timezone)?.start : undefined;
    const to = query.to ? dayBounds(query.to, timezone)?.end : undefined;
    // A move may take an appointment out of the watched days: the client must hear of it anyway.
    const wanted = ({ type, appointment }: LiveEvent) =>
      (!own || appointment.doctorId === own) &&
      (type === 'appointment.rescheduled' || ((!from || appointment.end > from) && (!to || appointment.start < to)));
    await audit.record({ action: 'appointment.list', resourceType: 'events', outcome: 'success' });

    let sent = 0;
    const send = (events: LiveEvent[]) => {
      for (const event of events) {
        if (event.seq <= sent) continue;
        sent = event.seq;
        if (!wanted(event)) continue;
        const data = JSON.stringify({ type: event.type, appointment: presentAppointment(event.appointment, timezone) });
        res.write(`id: ${event.seq}\nevent: appointment\ndata: ${data}\n\n`);
      }
    };
    // Changes that arrive while the replay is read wait here, then go out in order after it.
    let waiting: LiveEvent[] | null = [];
    let unsubscribe = () => {};
    let heartbeat: NodeJS.Timeout | undefined;
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    };
    open.add(res);
    res.on('close', end);

    try {
      unsubscribe = await live.subscribe((events) => (waiting ? waiting.push(...events) : send(events)));
      if (res.destroyed) return end();
      heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'X-Accel-Buffering': 'no' });
      const resume = resumePoint(req, query);
      const newest = await live.latest();
      // An id from the future (another database, a restored backup) resumes from now.
      if (resume === null || resume > newest) {
        sent = newest;
      } else {
        const missed = await live.replay(resume);
        if (missed.complete) {
          sent = resume;
          send(missed.events);
        } else {
          sent = newest;
          res.write(`id: ${sent}\nevent: reset\ndata: {}\n\n`);
        }
      }
      res.write(`id: ${sent}\nretry: 2000\nevent: ready\ndata: {}\n\n`);
      const pending = waiting;
      waiting = null;
      send(pending);
    } catch (error) {
      end();
      // Before the stream began the error handler answers (503 when the store is down); after
      // it, a status can no longer be sent: the stream ends and the client reconnects.
      if (!res.headersSent) throw error;
      res.end();
    }
  };

  return {
    stream,
    /** Ends every open stream, so a shutdown is not held up by clients that never hang up. */
    closeAll: () => open.forEach((res) => res.end()),
  };
}
