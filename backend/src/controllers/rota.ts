import type { Request, Response } from 'express';
import { idParams } from '../schemas/common.js';
import { putScheduleBody, scheduleQuery } from '../schemas/doctors.js';
import type { RotaService } from '../services/rota.js';
import { parse } from './parse.js';
import { ok, presentAppointment } from './present.js';

export function rotaController(rotas: RotaService, timezone: string) {
  return {
    get: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const { date } = parse(scheduleQuery, req.query, 'query');
      res.json(ok(await rotas.on(id, date)));
    },
    put: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const { outsideHours, ...rota } = await rotas.set(id, parse(putScheduleBody, req.body, 'body'));
      res.json(ok({ ...rota, outsideHours: outsideHours.map((a) => presentAppointment(a, timezone)) }));
    },
  };
}
