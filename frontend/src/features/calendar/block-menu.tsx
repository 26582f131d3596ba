import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { formatInstantDay, formatTimeRange } from '../../lib/time';
import type { Appointment, FrontDeskStep } from '../../services/api';
import { NEXT_STEPS, StatusBadge, StatusStamps } from '../appointments/appointment-table';

export type MenuAction = { kind: 'step'; step: FrontDeskStep } | { kind: 'move' } | { kind: 'reschedule' } | { kind: 'cancel' };

/** A block's menu: what the desk can do next with the visit; Escape closes it. */
export function BlockMenu({
  appointment,
  timezone,
  busy,
  error,
  onAction,
  onClose,
}: {
  appointment: Appointment | null;
  timezone: string;
  /** A step is on its way: its buttons wait. */
  busy: boolean;
  error: Error | null;
  onAction: (appointment: Appointment, action: MenuAction) => void;
  onClose: () => void;
}) {
  const a = appointment;
  const title = a ? `${a.patient.name}, ${formatTimeRange(a.start, a.end, timezone)}` : 'Appointment';
  return (
    <Dialog open={a !== null} title={title} onClose={onClose}>
      {a && (
        <>
          <p>
            {a.doctor.name} · {formatInstantDay(a.start, timezone)} · <StatusBadge status={a.status} />
          </p>
          {a.reason && <p>Reason: {a.reason}</p>}
          <StatusStamps appointment={a} timezone={timezone} />
          {a.cancellationReason && <p className="cancel-reason">Cancelled because: {a.cancellationReason}</p>}
          {error && <ErrorAlert title="That step was not recorded." error={error} />}
          <div className="dialog-actions cal-menu-actions">
            {NEXT_STEPS[a.status]?.map(([step, label], i) => (
              <button
                key={step}
                type="button"
                disabled={busy}
                data-autofocus={i === 0 || undefined}
                onClick={() => onAction(a, { kind: 'step', step })}
              >
                {label}
              </button>
            ))}
            {a.status === 'BOOKED' && (
              <>
                <button type="button" className="button-secondary" onClick={() => onAction(a, { kind: 'move' })}>
                  Move
                </button>
                <button type="button" className="button-secondary" onClick={() => onAction(a, { kind: 'reschedule' })}>
                  Reschedule…
                </button>
                <button type="button" className="button-secondary" onClick={() => onAction(a, { kind: 'cancel' })}>
                  Cancel appointment…
                </button>
              </>
            )}
            <Link to={`/patients/${encodeURIComponent(a.patientId)}`}>Patient page</Link>
            <button type="button" className="button-secondary" onClick={onClose} data-autofocus={!NEXT_STEPS[a.status] || undefined}>
              Close
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
