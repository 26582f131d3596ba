import { formatInstantDay, formatTimeRange } from '../../lib/time';
import { ApiError, type Appointment, type Slot } from '../../services/api';

export type Attempt = {
  slot: Slot;
  doctorName: string;
  patientName: string;
  timezone: string;
  /** The patient's appointment in the way, once known. */
  clash?: Appointment | null;
};

/** Says who is busy and when, in plain words, for the 409s a booking or a move can meet. */
export function conflictMessage(error: ApiError, attempt: Attempt): { title: string; text: string } {
  const when = `${formatInstantDay(attempt.slot.start, attempt.timezone)}, ${formatTimeRange(attempt.slot.start, attempt.slot.end, attempt.timezone)}`;
  switch (error.code) {
    case 'PATIENT_CONFLICT': {
      const { clash } = attempt;
      const other = clash
        ? `${attempt.patientName} is booked with ${clash.doctor.name}, ${formatInstantDay(clash.start, attempt.timezone)}, ${formatTimeRange(clash.start, clash.end, attempt.timezone)}, which overlaps ${when}.`
        : `${attempt.patientName} has another appointment overlapping ${when}.`;
      return {
        title: `${attempt.patientName} is already booked at that time.`,
        text: `${other} The free slots now leave out the patient’s booked times: please choose another.`,
      };
    }
    case 'BOOKING_CONFLICT':
      return {
        title: `${attempt.doctorName} is no longer free at that time.`,
        text: `Someone else has just booked ${attempt.doctorName} for ${when}. The free slots have been refreshed: please choose another time.`,
      };
    case 'SLOT_HELD':
      return {
        title: `${attempt.doctorName}’s ${when} is held for a patient on the waitlist.`,
        text: 'They have been offered it and have a few minutes to answer; if they decline or do not answer, it goes to the next in line, or becomes free again. Please choose another time.',
      };
    case 'ALREADY_CANCELLED':
      return { title: 'This appointment can no longer be moved.', text: 'It has been cancelled in the meantime.' };
    default:
      return { title: 'That time could not be booked.', text: error.message };
  }
}

export const isConflict = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409;
