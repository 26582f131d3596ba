import { Link } from 'react-router-dom';
import { formatInstantDay, formatTimeRange } from '../../lib/time';
import type { Appointment } from '../../services/api';
import { StatusBadge } from '../appointments/appointment-table';

export function bookAgainPath(appointment: Pick<Appointment, 'doctorId' | 'patientId'>) {
  const query = new URLSearchParams({ doctorId: appointment.doctorId, patientId: appointment.patientId });
  return `/book?${query.toString()}`;
}

/** One patient's appointments as a list of cards, each with "book again" with its doctor. */
export function PatientAppointments({ appointments, timezone, empty }: { appointments: Appointment[]; timezone: string; empty: string }) {
  if (appointments.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="visit-list">
      {appointments.map((a) => (
        <li key={a.id} className={a.status === 'CANCELLED' || a.status === 'NO_SHOW' ? 'visit visit-cancelled' : 'visit'}>
          <p className="visit-when">
            <span className="nowrap">{formatInstantDay(a.start, timezone)}</span>{' '}
            <span className="nowrap">{formatTimeRange(a.start, a.end, timezone)}</span>
          </p>
          <p>
            {a.doctor.name}, {a.doctor.specialty}
          </p>
          {a.reason && <p className="muted">Reason: {a.reason}</p>}
          <p>
            <StatusBadge status={a.status} />
            {a.cancellationReason && <span className="cancel-reason"> Cancelled because: {a.cancellationReason}</span>}
          </p>
          <Link className="button-link" to={bookAgainPath(a)}>
            Book again with {a.doctor.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
