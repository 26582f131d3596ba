import { formatInstantDay, formatTime, formatTimeRange } from '../../lib/time';
import type { Appointment, FrontDeskStep } from '../../services/api';

const STATUS_LABELS: Record<Appointment['status'], string> = {
  BOOKED: 'Booked',
  CHECKED_IN: 'Checked in',
  COMPLETED: 'Completed',
  NO_SHOW: 'No-show',
  CANCELLED: 'Cancelled',
  HELD: 'Held for waitlist',
};

export function StatusBadge({ status }: { status: Appointment['status'] }) {
  return <span className={`badge badge-${status.toLowerCase().replace('_', '-')}`}>{STATUS_LABELS[status]}</span>;
}

/** The row's visible trail: when the patient arrived, was seen or missed the visit, and who recorded it. */
export function StatusStamps({ appointment: a, timezone }: { appointment: Appointment; timezone: string }) {
  const stamps = [
    ['Arrived', a.checkedInAt, a.checkedInBy],
    ['Completed', a.completedAt, a.completedBy],
    ['No-show recorded', a.noShowAt, a.noShowBy],
  ] as const;
  return stamps.map(
    ([label, at, by]) =>
      at && (
        <p key={label} className="status-stamp">
          {label} {formatTime(at, timezone)}
          {by && ` by ${by}`}
        </p>
      ),
  );
}

/** What the desk can do next from each status: the server refuses anything else. */
export const NEXT_STEPS: Partial<Record<Appointment['status'], Array<[FrontDeskStep, string]>>> = {
  BOOKED: [
    ['check-in', 'Check in'],
    ['no-show', 'No-show'],
  ],
  CHECKED_IN: [['complete', 'Complete']],
};

export function AppointmentTable({
  appointments,
  timezone,
  onCancel,
  onReschedule,
  onStep,
  stepping,
}: {
  appointments: Appointment[];
  timezone: string;
  onCancel: (appointment: Appointment) => void;
  onReschedule: (appointment: Appointment, opener: HTMLButtonElement) => void;
  onStep: (appointment: Appointment, step: FrontDeskStep) => void;
  /** The appointment whose step is on its way: its buttons wait. */
  stepping?: string | null;
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
            <tr key={a.id} className={a.status === 'CANCELLED' || a.status === 'NO_SHOW' ? 'row-cancelled' : undefined}>
              <td id={`when-${a.id}`} data-label="Time">
                <span className="nowrap">{formatInstantDay(a.start, a.site.timezone)}</span>{' '}
                <span className="nowrap">{formatTimeRange(a.start, a.end, a.site.timezone)}</span>
                {/* Wall time at a site in another zone is not the clinic's: say whose it is. */}
                {a.site.timezone !== timezone && <span className="muted"> {a.site.name} time</span>}
              </td>
              <td id={`who-${a.id}`} data-label="Patient">
                {a.patient.name}
              </td>
              <td data-label="Doctor">{a.doctor.name}</td>
              <td data-label="Reason">
                {a.visitType && <span className="visit-type">{a.visitType.name}</span>}
                {a.reason ?? (a.visitType ? '' : '—')}
              </td>
              <td data-label="Status">
                <StatusBadge status={a.status} />
                <StatusStamps appointment={a} timezone={timezone} />
                {a.cancellationReason && <p className="cancel-reason">Cancelled because: {a.cancellationReason}</p>}
              </td>
              <td className="cell-actions">
                {(NEXT_STEPS[a.status] || a.status === 'BOOKED') && (
                  <div className="row-actions">
                    {NEXT_STEPS[a.status]?.map(([step, label]) => (
                      <button
                        key={step}
                        type="button"
                        className="button-secondary"
                        aria-describedby={`when-${a.id} who-${a.id}`}
                        disabled={stepping === a.id}
                        onClick={() => onStep(a, step)}
                      >
                        {label}
                      </button>
                    ))}
                    {a.status === 'BOOKED' && (
                      <>
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
                      </>
                    )}
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
