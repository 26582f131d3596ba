import { clientAddress, setRequestCaller, type Actor } from '../config/context.js';
import { AppError, ConflictError, invalidTransition } from '../errors.js';
import type { AppointmentView, Store } from '../store/store.js';
import type { AppointmentService } from './appointments.js';
import type { AuditService } from './audit.js';
import type { LinkPurpose, PatientLinks } from './patient-links.js';

/** The purposes of a link that opens the visit page; offers open their own page. */
export const VISIT_PURPOSES = ['view', 'confirm', 'cancel'] as const satisfies readonly LinkPurpose[];
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

export type PatientVisit = {
  purpose: VisitPurpose;
  appointment: AppointmentView;
  /** The site's address, which the appointment itself does not carry. */
  address: string | null;
  cancellable: boolean;
  cancelBefore: Date;
};

const HOUR_MS = 60 * 60 * 1000;
// As in the confirmation emails: a link works until a day after the visit ends.
const LINK_LIFETIME_AFTER_END_MS = 24 * HOUR_MS;
const PATIENT_CANCEL_REASON = 'Cancelled by the patient through their link';

// One answer for every bad link (malformed, forged, expired, other purpose, unknown appointment),
// so a link's answer tells a guesser nothing.
const linkInvalid = () => new AppError('LINK_INVALID');

/**
 * What a patient may do with a signed link and no account: see the visit, say they will come, or
 * cancel it while there is still notice. Each acts under a patient-link actor, so the audit trail
 * (and the webhooks and live events that follow it) name the link, not an anonymous caller.
 */
export function patientVisits(
  store: Store,
  links: PatientLinks,
  appointments: AppointmentService,
  audit: AuditService,
  noticeHours: number,
  clock: () => Date,
) {
  const cancelBefore = (appointment: AppointmentView) => new Date(appointment.start.getTime() - noticeHours * HOUR_MS);
  const visit = async (purpose: VisitPurpose, appointment: AppointmentView): Promise<PatientVisit> => ({
    purpose,
    appointment,
    address: (await store.sites.get(appointment.siteId))?.address ?? null,
    cancelBefore: cancelBefore(appointment),
    cancellable: appointment.status === 'BOOKED' && clock() < cancelBefore(appointment),
  });

  /** The link's claims for one of `purposes`, with the caller set to the link; LINK_INVALID otherwise. */
  async function open(token: string, purposes: readonly VisitPurpose[]) {
    const now = clock();
    for (const purpose of purposes) {
      const claims = await links.verify(token, purpose, now);
      if (!claims) continue;
      const actor: Actor = { kind: 'patient-link', id: claims.id, label: purpose, role: null, doctorId: null };
      setRequestCaller(actor, clientAddress());
      return { purpose, id: claims.id };
    }
    throw linkInvalid();
  }

  const current = async (id: string) => {
    const appointment = await store.appointments.get(id);
    if (!appointment) throw linkInvalid();
    return appointment;
  };

  return {
    /**
     * The patient's links for one appointment, for the desk to pass on by phone or text; read as
     * the appointment is (audited, and a doctor account sees only its own).
     */
    linksFor: async (id: string) => {
      const appointment = await appointments.get(id);
      const expiresAt = new Date(appointment.end.getTime() + LINK_LIFETIME_AFTER_END_MS);
      const url = (purpose: VisitPurpose) => links.url({ purpose, id, expiresAt });
      return { view: await url('view'), confirm: await url('confirm'), cancel: await url('cancel'), expiresAt };
    },

    view: async (token: string): Promise<PatientVisit> => {
      const { purpose, id } = await open(token, VISIT_PURPOSES);
      const appointment = await audit.read({ action: 'appointment.read', resourceType: 'appointment', resourceId: id }, () => current(id));
      return visit(purpose, appointment);
    },

    /** Idempotent: a second confirmation answers the first one's time. */
    confirm: async (token: string): Promise<PatientVisit> => {
      const { id } = await open(token, ['confirm']);
      const confirmed = await audit.write(
        { action: 'appointment.patient_confirm', resourceType: 'appointment', resourceId: id },
        (record) => store.appointments.confirmByPatient(id, clock(), record),
      );
      if (confirmed) return visit('confirm', confirmed);
      throw invalidTransition((await current(id)).status, 'confirmed');
    },

    cancel: async (token: string): Promise<PatientVisit> => {
      const { id } = await open(token, ['cancel']);
      const appointment = await current(id);
      if (appointment.status !== 'BOOKED') throw invalidTransition(appointment.status, 'cancelled');
      if (clock() >= cancelBefore(appointment)) {
        throw new ConflictError(
          'CANCEL_TOO_LATE',
          `Appointments can be cancelled online until ${noticeHours} hours before they start; please call the clinic`,
        );
      }
      // The staff's own path: the same audit record, live event and webhook as a cancel at the desk.
      return visit('cancel', await appointments.cancel(id, PATIENT_CANCEL_REASON));
    },
  };
}

export type PatientVisitService = ReturnType<typeof patientVisits>;
