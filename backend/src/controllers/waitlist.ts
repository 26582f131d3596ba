import type { PublicOfferBody, WaitlistEntryBody, WaitlistOfferBody } from '@clinic/contract/waitlist';
import type { Request, Response } from 'express';
import { idParams } from '../schemas/common.js';
import { createWaitlistBody, offerTokenParams, waitlistQuery } from '../schemas/waitlist.js';
import type { WaitlistService } from '../services/waitlist.js';
import type { WaitlistEntry, WaitlistOffer } from '../store/ports/waitlist.js';
import { parse } from './parse.js';
import { ok, okPage, presentAppointment } from './present.js';

const presentOffer = (offer: WaitlistOffer): WaitlistOfferBody => ({
  id: offer.id,
  entryId: offer.entryId,
  appointmentId: offer.appointmentId,
  doctorId: offer.doctorId,
  start: offer.start.toISOString(),
  end: offer.end.toISOString(),
  status: offer.status,
  expiresAt: offer.expiresAt.toISOString(),
  createdAt: offer.createdAt.toISOString(),
  decidedAt: offer.decidedAt?.toISOString() ?? null,
});

const presentEntry = (entry: WaitlistEntry): WaitlistEntryBody => ({
  id: entry.id,
  _id: entry.id,
  patient: entry.patient,
  doctor: entry.doctor,
  specialty: entry.specialty,
  visitType: entry.visitType,
  windows: entry.windows,
  note: entry.note,
  status: entry.status,
  createdAt: entry.createdAt.toISOString(),
  offers: entry.offers.map(presentOffer),
});

export function waitlistController(waitlist: WaitlistService) {
  return {
    create: async (req: Request, res: Response) => {
      const body = parse(createWaitlistBody, req.body, 'body');
      const entry = await waitlist.add({
        patientId: body.patientId,
        doctorId: body.doctorId ?? null,
        specialty: body.specialty ?? null,
        visitTypeId: body.visitTypeId ?? null,
        windows: body.windows,
        note: body.note ?? null,
      });
      res.status(201).json(ok(presentEntry(entry)));
    },
    list: async (req: Request, res: Response) => {
      const query = parse(waitlistQuery, req.query, 'query');
      res.json(okPage(await waitlist.list(query), query, presentEntry));
    },
    remove: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      await waitlist.remove(id);
      res.status(204).end();
    },
  };
}

/** The patient's side: no account, the link's token is the key. */
export function offersController(waitlist: WaitlistService, clinicZone: string) {
  return {
    view: async (req: Request, res: Response) => {
      const { token } = parse(offerTokenParams, req.params, 'params');
      const offer = await waitlist.view(token);
      const body: PublicOfferBody = {
        ...offer,
        expiresAt: offer.expiresAt.toISOString(),
        appointment: { ...offer.appointment, start: offer.appointment.start.toISOString(), end: offer.appointment.end.toISOString() },
      };
      res.json(ok(body));
    },
    accept: async (req: Request, res: Response) => {
      const { token } = parse(offerTokenParams, req.params, 'params');
      const appointment = await waitlist.accept(token);
      res.json(ok({ status: 'accepted' as const, appointment: presentAppointment(appointment, clinicZone) }));
    },
    decline: async (req: Request, res: Response) => {
      const { token } = parse(offerTokenParams, req.params, 'params');
      res.json(ok({ status: await waitlist.decline(token) }));
    },
  };
}
