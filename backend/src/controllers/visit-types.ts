import type { VisitTypeBody } from '@clinic/contract/visit-types';
import type { Request, Response } from 'express';
import { idParams } from '../schemas/common.js';
import { createVisitTypeBody, updateVisitTypeBody } from '../schemas/visit-types.js';
import type { VisitTypeService } from '../services/visit-types.js';
import type { VisitType } from '../store/ports/visit-types.js';
import { parse } from './parse.js';
import { ok } from './present.js';

const presentVisitType = (visitType: VisitType): VisitTypeBody => ({
  id: visitType.id,
  _id: visitType.id,
  doctorId: visitType.doctorId,
  name: visitType.name,
  durationMinutes: visitType.durationMinutes,
  bufferMinutes: visitType.bufferMinutes,
  active: visitType.active,
  createdAt: visitType.createdAt.toISOString(),
  updatedAt: visitType.updatedAt.toISOString(),
});

export function visitTypesController(service: VisitTypeService) {
  return {
    create: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const body = parse(createVisitTypeBody, req.body, 'body');
      res.status(201).json(ok(presentVisitType(await service.create({ doctorId: id, ...body }))));
    },
    list: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      res.json(ok((await service.list(id)).map(presentVisitType)));
    },
    update: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const body = parse(updateVisitTypeBody, req.body, 'body');
      res.json(ok(presentVisitType(await service.update(id, body))));
    },
    remove: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      await service.remove(id);
      res.status(204).end();
    },
  };
}
