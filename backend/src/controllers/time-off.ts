import type { Request, Response } from 'express';
import { ValidationError } from '../errors.js';
import { idParams } from '../schemas/common.js';
import { createTimeOffBody, listTimeOffQuery } from '../schemas/time-off.js';
import { parseInstant } from '../services/clinic-time.js';
import type { TimeOffService } from '../services/time-off.js';
import type { TimeOff } from '../store/store.js';
import { parse } from './parse.js';
import { ok, presentAppointment } from './present.js';

const presentTimeOff = (timeOff: TimeOff) => ({
  id: timeOff.id,
  _id: timeOff.id,
  doctorId: timeOff.doctorId,
  start: timeOff.start.toISOString(),
  end: timeOff.end.toISOString(),
  reason: timeOff.reason,
  createdAt: timeOff.createdAt.toISOString(),
});

export function timeOffController(service: TimeOffService, timezone: string) {
  const instant = (text: string, path: string) => {
    const value = parseInstant(text, timezone);
    if (!value) throw new ValidationError('Invalid request', [{ path, message: 'must be an ISO 8601 date-time' }]);
    return value;
  };
  return {
    create: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const body = parse(createTimeOffBody, req.body, 'body');
      const { timeOff, affected } = await service.create({
        doctorId: id,
        start: instant(body.start, 'start'),
        end: instant(body.end, 'end'),
        reason: body.reason,
      });
      res.status(201).json(ok({ ...presentTimeOff(timeOff), affected: affected.map((a) => presentAppointment(a, timezone)) }));
    },
    list: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const query = parse(listTimeOffQuery, req.query, 'query');
      const from = query.from === undefined ? undefined : instant(query.from, 'from');
      const to = query.to === undefined ? undefined : instant(query.to, 'to');
      res.json(ok((await service.list(id, from, to)).map(presentTimeOff)));
    },
    remove: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      await service.remove(id);
      res.status(204).end();
    },
  };
}
