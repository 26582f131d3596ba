import { formatInstantDay, formatTimeRange } from '../../lib/time';
import type { Appointment } from '../../services/api';

export function StatusBadge({ status }: { status: Appointment['status'] }) {
  return status === 'CANCELLED' ? (
    <span className="badge badge-cancelled">Cancelled</span>
  ) : (
    <span className="badge badge-booked">Booked</span>
  );
}

export function AppointmentTable({
  appointments,
  timezone,
  onCancel,
  onReschedule,
}: {
  appointments: Appointment[];
  timezone: string;
  onCancel: (appointment: Appointment) => void;
  onReschedule: (appointment: Appointment, opener: HTMLButtonElement) => void;
}) {
  return (
    <div className="table-wrap table-cards" role="region" aria-label="Appointments list" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Patient</th>
            <th scope="col">Doctor</th>
            <th scope="col">Reason</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {appointments.map((a) => (
            <tr key={a.id} className={a.status === 'CANCELLED' ? 'row-cancelled' : undefined}>
              <td id={`when-${a.id}`} data-label="Time">
                <span className="nowrap">{formatInstantDay(a.start, timezone)}</span>{' '}
                <span className="nowrap">{formatTimeRange(a.start, a.end, timezone)}</span>
              </td>
              <td id={`who-${a.id}`} data-label="Patient">
                {a.patient.name}
              </td>
              <td data-label="Doctor">{a.doctor.name}</td>
              <td data-label="Reason">{a.reason ?? '—'}</td>
              <td data-label="Status">
                <StatusBadge status={a.status} />
                {a.cancellationReason && <p className="cancel-reason">Cancelled because: {a.cancellationReason}</p>}
              </td>
              <td className="cell-actions">
                {a.status === 'BOOKED' && (
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button-secondary"
                      aria-describedby={`when-${a.id} who-${a.id}`}
                      onClick={(e) => onReschedule(a, e.currentTarget)}
                    >
                      Reschedule
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-describedby={`when-${a.id} who-${a.id}`}
                      onClick={() => onCancel(a)}
                    >
                      Cancel
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
