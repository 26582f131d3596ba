import type { Request, Response } from 'express';
import { idParams, pagingQuery } from '../schemas/common.js';
import { createPatientBody, listPatientsQuery, updatePatientBody } from '../schemas/patients.js';
import type { AppointmentService } from '../services/appointments.js';
import type { DirectoryService } from '../services/directory.js';
import { parse } from './parse.js';
import { ok, okPage, presentAppointment, presentPatient } from './present.js';

export function patientsController(directory: DirectoryService, appointments: AppointmentService, timezone: string) {
  return {
    create: async (req: Request, res: Response) => {
      const patient = await directory.createPatient(parse(createPatientBody, req.body, 'body'));
      res.status(201).json(ok(presentPatient(patient)));
    },
    list: async (req: Request, res: Response) => {
      const query = parse(listPatientsQuery, req.query, 'query');
      res.json(okPage(await directory.listPatients(query), query, presentPatient));
    },
    get: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      res.json(ok(presentPatient(await directory.getPatient(id))));
    },
    update: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const changes = parse(updatePatientBody, req.body, 'body');
      res.json(ok(presentPatient(await directory.updatePatient(id, changes))));
    },
    appointments: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const paging = parse(pagingQuery, req.query, 'query');
      res.json(okPage(await appointments.listForPatient(id, paging), paging, (a) => presentAppointment(a, timezone)));
    },
  };
}
