import type { Visit } from '@clinic/contract/visits';
import type { Request, Response } from 'express';
import type { PatientVisit, PatientVisitService } from '../services/patient-visits.js';
import { idParams } from '../schemas/common.js';
import { visitActionBody } from '../schemas/visits.js';
import { parse } from './parse.js';
import { ok } from './present.js';

// A patient's view of their visit: the first name only and no contact details, since a link in a
// forwarded or shared email is readable by whoever holds it.
export const presentVisit = ({ purpose, appointment, address, cancellable, cancelBefore }: PatientVisit, clinicZone: string): Visit => ({
  purpose,
  appointment: {
    id: appointment.id,
    start: appointment.start.toISOString(),
    end: appointment.end.toISOString(),
    status: appointment.status,
    patientConfirmedAt: appointment.patientConfirmedAt?.toISOString() ?? null,
    patient: { firstName: appointment.patient.name.trim().split(/\s+/)[0] ?? '' },
    doctor: { name: appointment.doctor.name, specialty: appointment.doctor.specialty },
    visitType: appointment.visitType && { name: appointment.visitType.name },
    site: { name: appointment.site.name, address, timezone: appointment.site.timezone ?? clinicZone },
  },
  cancellable,
  cancelBefore: cancelBefore.toISOString(),
});

const tokenOf = (req: Request) => String(req.params.token ?? '');

export function visitsController(visits: PatientVisitService, clinicZone: string) {
  return {
    links: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const { expiresAt, ...urls } = await visits.linksFor(id);
      res.json(ok({ ...urls, expiresAt: expiresAt.toISOString() }));
    },
    view: async (req: Request, res: Response) => {
      res.json(ok(presentVisit(await visits.view(tokenOf(req)), clinicZone)));
    },
    confirm: async (req: Request, res: Response) => {
      parse(visitActionBody, req.body, 'body');
      res.json(ok(presentVisit(await visits.confirm(tokenOf(req)), clinicZone)));
    },
    cancel: async (req: Request, res: Response) => {
      parse(visitActionBody, req.body, 'body');
      res.json(ok(presentVisit(await visits.cancel(tokenOf(req)), clinicZone)));
    },
  };
}
