import type { Request, Response } from 'express';
import { idParams } from '../schemas/common.js';
import { createDoctorBody, listDoctorsQuery, updateDoctorBody } from '../schemas/doctors.js';
import type { DirectoryService } from '../services/directory.js';
import { parse } from './parse.js';
import { ok, okPage, presentDoctor } from './present.js';

export function doctorsController(directory: DirectoryService) {
  return {
    create: async (req: Request, res: Response) => {
      const doctor = await directory.createDoctor(parse(createDoctorBody, req.body, 'body'));
      res.status(201).json(ok(presentDoctor(doctor)));
    },
    list: async (req: Request, res: Response) => {
      const query = parse(listDoctorsQuery, req.query, 'query');
      res.json(okPage(await directory.listDoctors(query), query, presentDoctor));
    },
    get: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      res.json(ok(presentDoctor(await directory.getDoctor(id))));
    },
    update: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const changes = parse(updateDoctorBody, req.body, 'body');
      res.json(ok(presentDoctor(await directory.updateDoctor(id, changes))));
    },
  };
}
