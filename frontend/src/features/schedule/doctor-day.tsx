import { formatTimeRange } from '../../lib/time';
import type { Appointment, Doctor } from '../../services/api';
import { StatusBadge, StatusStamps } from '../appointments/appointment-table';

/** One doctor's column: their appointments of the day in time order. */
export function DoctorDay({
  doctor,
  appointments,
  timezone,
}: {
  doctor: Pick<Doctor, 'id' | 'name' | 'specialty'>;
  appointments: Appointment[];
  timezone: string;
}) {
  const headingId = `doctor-day-${doctor.id}`;
  const booked = appointments.filter((a) => a.status !== 'CANCELLED' && a.status !== 'NO_SHOW').length;
  return (
    <section className="day-column" aria-labelledby={headingId}>
      <h2 id={headingId}>{doctor.name}</h2>
      <p className="muted">
        {doctor.specialty} · {booked} booked
      </p>
      {appointments.length === 0 ? (
        <p className="empty">No appointments.</p>
      ) : (
        <ol className="day-list">
          {appointments.map((a) => (
            <li key={a.id} className={a.status === 'CANCELLED' || a.status === 'NO_SHOW' ? 'day-item day-item-cancelled' : 'day-item'}>
              <p className="day-time">{formatTimeRange(a.start, a.end, timezone)}</p>
              <p className="day-patient">{a.patient.name}</p>
              {a.reason && <p className="day-reason">{a.reason}</p>}
              <StatusBadge status={a.status} />
              <StatusStamps appointment={a} timezone={timezone} />
              {a.cancellationReason && <p className="cancel-reason">Cancelled because: {a.cancellationReason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
