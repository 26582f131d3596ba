import type { Request, Response } from 'express';
import { currentActor } from '../config/context.js';
import { idParams } from '../schemas/common.js';
import { calendarQuery, createDoctorBody, listDoctorsQuery, updateDoctorBody } from '../schemas/doctors.js';
import type { CalendarFeed } from '../services/calendar-feed.js';
import type { DirectoryService } from '../services/directory.js';
import type { Doctor } from '../store/store.js';
import { parse } from './parse.js';
import { ok, okPage, presentDoctor } from './present.js';

export function doctorsController(directory: DirectoryService, calendar: CalendarFeed, publicUrl: string | undefined) {
  // The feed's key is a credential: only the desk (staff, admins) sees it, in the URL to hand on.
  const present = (req: Request) => {
    const desk = ['admin', 'staff'].includes(currentActor().role ?? '');
    const origin = publicUrl ?? `${req.protocol}://${req.get('host')}`;
    return (doctor: Doctor) => ({
      ...presentDoctor(doctor),
      ...(desk ? { calendarUrl: `${origin}/api/doctors/${doctor.id}/calendar.ics?key=${doctor.calendarKey}` } : {}),
    });
  };
  return {
    create: async (req: Request, res: Response) => {
      const doctor = await directory.createDoctor(parse(createDoctorBody, req.body, 'body'));
      res.status(201).json(ok(present(req)(doctor)));
    },
    list: async (req: Request, res: Response) => {
      const query = parse(listDoctorsQuery, req.query, 'query');
      res.json(okPage(await directory.listDoctors(query), query, present(req)));
    },
    get: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      res.json(ok(present(req)(await directory.getDoctor(id))));
    },
    update: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const changes = parse(updateDoctorBody, req.body, 'body');
      res.json(ok(present(req)(await directory.updateDoctor(id, changes))));
    },
    calendar: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const { key } = parse(calendarQuery, req.query, 'query');
      const { body } = await calendar.read(id, key);
      res.type('text/calendar; charset=utf-8').set('Content-Disposition', 'inline; filename="appointments.ics"').send(body);
    },
    rotateCalendarKey: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const doctor = await calendar.rotate(id);
      res.json(ok({ calendarUrl: present(req)(doctor).calendarUrl }));
    },
  };
}
