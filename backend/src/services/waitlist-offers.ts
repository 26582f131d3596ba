import type { Logger } from '../config/logger.js';
import { BusinessRuleError, ConflictError } from '../errors.js';
import type { AuditEntry } from '../store/ports/audit.js';
import type { FreedSlot, WaitlistEntry } from '../store/ports/waitlist.js';
import type { Doctor, Store } from '../store/store.js';
import { findAvailability, type Slot } from './availability.js';
import type { BookingPolicy } from './booking.js';
import { datesOf, suitsPatient } from './waitlist-windows.js';

const MINUTE = 60_000;
// Time off removed for a long holiday frees many days; offers look two weeks into it at most.
const MOST_DAYS = 14;
const FREED_BATCH = 20;

/** A record of the server's own doing: no person asked for it. */
export const systemEntry = (action: string, resourceType: string, resourceId: string | null = null): AuditEntry => ({
  actorKind: 'system',
  actorId: null,
  actorLabel: 'waitlist',
  action,
  resourceType,
  resourceId,
  outcome: 'success',
  correlationId: null,
  clientAddress: null,
});

type Options = { holdMinutes: number; clock: () => Date; policy: () => Promise<BookingPolicy> };

/**
 * Offers freed time to the people waiting, first come first served: for each freed slot the first
 * entry in line with a start that is free, inside the doctor's hours and inside the times that
 * suit the patient gets a hold on it. The hold is a HELD appointment, so the overlap rules keep
 * everyone else out; a conflict met while placing it passes the slot to the next in line.
 */
export function waitlistOffers(store: Store, logger: Logger, { holdMinutes, clock, policy }: Options) {
  async function firstFit(entry: WaitlistEntry, freed: FreedSlot, rules: BookingPolicy, now: Date): Promise<Slot | null> {
    for (const date of datesOf(freed, rules.timezone, MOST_DAYS)) {
      const { slots } = await findAvailability(
        store,
        rules,
        { doctorId: freed.doctorId, date, patientId: entry.patient.id, visitTypeId: entry.visitType?.id },
        now,
      );
      const fit = slots.find(
        (slot) => slot.start >= freed.start && slot.start < freed.end && suitsPatient(entry.windows, slot, slot.timezone ?? rules.timezone),
      );
      if (fit) return fit;
    }
    return null;
  }

  /** Places the hold, or says why not: another process took the round, or the entry or the slot went. */
  async function hold(entry: WaitlistEntry, freed: FreedSlot, doctor: Doctor, slot: Slot, rules: BookingPolicy, now: Date) {
    const [patient, visitType] = await Promise.all([
      store.patients.get(entry.patient.id),
      entry.visitType ? store.visitTypes.get(entry.visitType.id) : null,
    ]);
    if (!patient) return 'entry-taken' as const;
    try {
      const placed = await store.waitlist.hold({
        freedId: freed.id,
        round: freed.round,
        entryId: entry.id,
        appointment: {
          doctor: { id: doctor.id, name: doctor.name, specialty: doctor.specialty },
          patient: { id: patient.id, name: patient.name },
          versions: { doctor: doctor.updatedAt, patient: patient.updatedAt },
          start: slot.start,
          end: slot.end,
          reason: entry.note,
          visitType: visitType && { id: visitType.id, name: visitType.name },
          bufferMinutes: visitType?.bufferMinutes ?? 0,
          site: rules.siteOf?.(slot.siteId ?? null),
        },
        expiresAt: new Date(now.getTime() + holdMinutes * MINUTE),
        audit: systemEntry('waitlist.offer', 'waitlist_offer'),
      });
      if (typeof placed === 'string') return placed;
      logger.info('waitlist offer made', { offerId: placed.id, entryId: entry.id, doctorId: doctor.id, start: placed.start });
      return 'placed' as const;
    } catch (error) {
      // Taken, or the doctor is off by now: the next in line may still fit elsewhere in the slot.
      if (error instanceof ConflictError || error instanceof BusinessRuleError) return 'conflict' as const;
      throw error;
    }
  }

  async function offerFreed(freed: FreedSlot): Promise<void> {
    const now = clock();
    const doctor = await store.doctors.get(freed.doctorId);
    if (!doctor || freed.end <= now) return store.waitlist.closeFreed(freed.id, freed.round);
    const rules = await policy();
    for (const entry of await store.waitlist.candidates(freed.id, doctor.id, doctor.specialty)) {
      const slot = await firstFit(entry, freed, rules, now);
      if (!slot) continue;
      const outcome = await hold(entry, freed, doctor, slot, rules, now);
      if (outcome === 'placed' || outcome === 'round-taken') return;
    }
    await store.waitlist.closeFreed(freed.id, freed.round);
  }

  return {
    /** Ends the holds that ran out, then offers every open freed slot to the next in line. */
    round: async () => {
      const expired = await store.waitlist.expireDue(clock(), (offer) => systemEntry('waitlist.expire', 'waitlist_offer', offer.id));
      for (const offer of expired) logger.info('waitlist offer expired', { offerId: offer.id, entryId: offer.entryId });
      for (const freed of await store.waitlist.openFreed(FREED_BATCH)) await offerFreed(freed);
    },
  };
}
