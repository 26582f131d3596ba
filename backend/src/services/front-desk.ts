import { invalidTransition, NotFoundError } from '../errors.js';
import type { AuditEntry } from '../store/ports/audit.js';
import type { AppointmentStatus, AppointmentView, IdempotencyCompletion, StatusChange, Store } from '../store/store.js';
import type { AuditAction } from './audit.js';

export type FrontDeskStep = 'check-in' | 'complete' | 'no-show';

/**
 * The front desk's state machine: BOOKED -> CHECKED_IN -> COMPLETED, or BOOKED -> NO_SHOW.
 * Anything else (completing a visit nobody checked in, a no-show for a patient in the room) is a
 * 409 INVALID_TRANSITION, so a mis-click cannot rewrite what happened.
 */
export const FRONT_DESK_STEPS: Record<
  FrontDeskStep,
  { from: AppointmentStatus; to: StatusChange['status']; doing: string; action: AuditAction }
> = {
  'check-in': { from: 'BOOKED', to: 'CHECKED_IN', doing: 'checked in', action: 'appointment.check_in' },
  complete: { from: 'CHECKED_IN', to: 'COMPLETED', doing: 'completed', action: 'appointment.complete' },
  'no-show': { from: 'BOOKED', to: 'NO_SHOW', doing: 'marked as a no-show', action: 'appointment.no_show' },
};

/** Takes one step if the appointment's status allows it, in one conditional write; when it does not, says why. */
export async function takeStep(
  store: Store,
  id: string,
  step: FrontDeskStep,
  stamp: { at: Date; by: string },
  idempotency?: IdempotencyCompletion,
  audit?: AuditEntry,
): Promise<AppointmentView> {
  const rule = FRONT_DESK_STEPS[step];
  const moved = await store.appointments.setStatus(id, rule.from, { status: rule.to, ...stamp }, idempotency, audit);
  if (moved) return moved;
  const current = await store.appointments.get(id);
  if (!current) throw new NotFoundError('Appointment not found');
  throw invalidTransition(current.status, rule.doing);
}
