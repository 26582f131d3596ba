import { clientAddress, currentCorrelationId } from '../config/context.js';
import type { Logger } from '../config/logger.js';
import { runRounds } from './rounds.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { AuditEntry } from '../store/ports/audit.js';
import type { NewWaitlistEntry, OfferView, WaitlistFilter } from '../store/ports/waitlist.js';
import type { Store } from '../store/store.js';
import type { AuditService } from './audit.js';
import type { BookingPolicy } from './booking.js';
import type { PatientLinks } from './patient-links.js';
import type { SiteDirectory } from './sites.js';
import { waitlistOffers } from './waitlist-offers.js';
import { offeredVisitType } from './visit-types.js';

const linkInvalid = () => new AppError('LINK_INVALID');

/** A record of what a patient did through a link sent to them: no account, so no actor id. */
const patientEntry = (action: string, resourceType: string, resourceId: string | null): AuditEntry => ({
  actorKind: 'patient-link',
  actorId: null,
  actorLabel: null,
  action,
  resourceType,
  resourceId,
  outcome: 'success',
  correlationId: currentCorrelationId() ?? null,
  clientAddress: clientAddress(),
});

type Options = { clinic: BookingPolicy; holdMinutes: number; clock: () => Date };

/** The waitlist as staff keep it, the offers patients answer through their link, and the worker between them. */
export function waitlistService(
  store: Store,
  sites: SiteDirectory,
  audit: AuditService,
  links: PatientLinks,
  logger: Logger,
  options: Options,
) {
  const { clock } = options;
  const policy = async (): Promise<BookingPolicy> => {
    const book = await sites.book();
    return { ...options.clinic, siteZones: book.hours.siteZones, siteOf: book.siteOf };
  };
  const offers = waitlistOffers(store, logger, { holdMinutes: options.holdMinutes, clock, policy });

  async function offerOf(token: string): Promise<OfferView> {
    const claims = await links.verify(token, 'offer', clock());
    const offer = claims && (await store.waitlist.offer(claims.id));
    if (!offer) throw linkInvalid();
    return offer;
  }

  return {
    add: async (input: NewWaitlistEntry) => {
      if (input.visitTypeId) {
        if (!input.doctorId) {
          throw new ValidationError('Invalid waitlist entry', [
            { path: 'visitTypeId', message: 'needs a doctorId: visit types belong to a doctor' },
          ]);
        }
        await offeredVisitType(store, input.doctorId, input.visitTypeId);
      }
      return audit.write({ action: 'waitlist.add', resourceType: 'waitlist_entry' }, async (entry) => {
        const added = await store.waitlist.add(input, entry);
        if (!added) throw new NotFoundError(input.doctorId ? 'Patient or doctor not found' : 'Patient not found');
        return added;
      });
    },
    list: (filter: WaitlistFilter) => store.waitlist.list(filter),
    remove: (id: string) =>
      audit.write({ action: 'waitlist.remove', resourceType: 'waitlist_entry', resourceId: id }, async (entry) => {
        const removed = await store.waitlist.remove(id, clock(), entry);
        if (!removed) throw new NotFoundError('Waitlist entry not found');
        return removed;
      }),

    /** What the patient's page shows: the offer, in the site's zone, with nothing of their contact details. */
    view: async (token: string) => {
      const offer = await offerOf(token);
      const doctor = await store.doctors.get(offer.doctorId);
      const site = offer.appointment ? await store.sites.get(offer.appointment.siteId) : null;
      const timezone = site?.timezone ?? options.clinic.timezone;
      const open = offer.status === 'open' && offer.expiresAt > clock();
      return {
        status: offer.status === 'open' && !open ? ('expired' as const) : offer.status,
        expiresAt: offer.expiresAt,
        appointment: {
          start: offer.start,
          end: offer.end,
          doctor: { name: doctor?.name ?? '', specialty: doctor?.specialty ?? '' },
          visitType: offer.appointment?.visitType ?? null,
          site: site ? { name: site.name, address: site.address, timezone } : null,
          timezone,
        },
        patient: { firstName: offer.patient.name.split(/\s+/)[0] ?? '' },
      };
    },
    accept: async (token: string) => {
      const offer = await offerOf(token);
      const decision = await store.waitlist.accept(offer.id, clock(), [
        patientEntry('waitlist.accept', 'waitlist_offer', offer.id),
        patientEntry('appointment.book', 'appointment', null),
      ]);
      if (!decision) throw linkInvalid();
      if (!decision.accepted) {
        throw new ConflictError(decision.status === 'expired' ? 'OFFER_EXPIRED' : 'OFFER_CLOSED');
      }
      logger.info('waitlist offer accepted', { offerId: offer.id, appointmentId: decision.appointment.id });
      return decision.appointment;
    },
    decline: async (token: string) => {
      const offer = await offerOf(token);
      const status = await store.waitlist.decline(offer.id, clock(), patientEntry('waitlist.decline', 'waitlist_offer', offer.id));
      if (status === null) throw linkInvalid();
      if (status !== 'declined') throw new ConflictError(status === 'expired' ? 'OFFER_EXPIRED' : 'OFFER_CLOSED');
      return status;
    },

    round: offers.round,
    /** Runs rounds every `everyMs`; answers how to stop. */
    start: (everyMs: number) => runRounds(offers.round, logger, 'waitlist', { everyMs }),
  };
}

export type WaitlistService = ReturnType<typeof waitlistService>;
