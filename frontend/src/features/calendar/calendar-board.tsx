import './calendar.css';
import { useRef, useState } from 'react';
import { Alert, ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import { formatTime, formatTimeRange } from '../../lib/time';
import type { Appointment, FrontDeskStep } from '../../services/api';
import { CancelDialog } from '../appointments/cancel-dialog';
import { RescheduleDialog } from '../appointments/reschedule-dialog';
import { useFrontDeskStep } from '../appointments/use-front-desk-step';
import { useRescheduleAppointment } from '../appointments/use-reschedule-appointment';
import { conflictMessage, isConflict } from '../booking/conflict-message';
import { BlockMenu, type MenuAction } from './block-menu';
import { BookDialog, type BookingSlot } from './book-dialog';
import type { GridColumn } from './grid-model';
import { TimeGrid, type MoveTarget } from './time-grid';
import { useNow } from './use-now';

const STEP_WORDS: Record<FrontDeskStep, string> = { 'check-in': 'Checked in', complete: 'Completed', 'no-show': 'Marked as a no-show' };

type Failure = { title: string; text: string } | { title: string; error: unknown };

/**
 * The grid with everything it opens: booking a free cell, a block's menu and its steps, moves by
 * drag or keyboard (a refused move snaps back and says why), the reschedule and cancel dialogs,
 * and one status line that reports each outcome.
 */
export function CalendarBoard({
  label,
  columns,
  rowLabels,
  zone,
}: {
  label: string;
  columns: GridColumn[];
  rowLabels: string[];
  /** The zone the grid is drawn in: a chosen site's, else the clinic's. */
  zone?: string;
}) {
  const clinic = useClinic();
  const timezone = zone ?? clinic.timezone;
  const now = useNow();
  const [booking, setBooking] = useState<BookingSlot | null>(null);
  const [menu, setMenu] = useState<Appointment | null>(null);
  const [rescheduling, setRescheduling] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const board = useRef<HTMLDivElement>(null);
  const step = useFrontDeskStep();
  const reschedule = useRescheduleAppointment();

  const at = (a: Pick<Appointment, 'start' | 'end'>) => formatTimeRange(a.start, a.end, timezone);
  // After a dialog, focus goes back to the visit on the grid (once it has been drawn again).
  const focusVisit = (id: string) =>
    setTimeout(() => board.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)?.focus(), 0);

  async function move(a: Appointment, to: MoveTarget) {
    setFailure(null);
    const slot = { start: new Date(to.start).toISOString(), end: new Date(to.end).toISOString() };
    // Dropped in another doctor's column: the server checks that doctor's hours and bookings.
    const doctor = to.column.doctor;
    const doctorId = doctor.id === a.doctorId ? undefined : doctor.id;
    try {
      const moved = await reschedule.mutateAsync({ id: a.id, ...slot, doctorId });
      setStatus(`Moved: ${moved.patient.name} with ${moved.doctor.name}, now ${at(moved)}.`);
    } catch (error) {
      setStatus('');
      setFailure(
        isConflict(error)
          ? conflictMessage(error, { slot, doctorName: doctor.name, patientName: a.patient.name, timezone })
          : { title: `${a.patient.name} was not moved.`, error },
      );
    }
  }

  function act(a: Appointment, action: MenuAction) {
    if (action.kind === 'step') {
      step.mutate(
        { id: a.id, step: action.step },
        {
          onSuccess: (changed) => {
            setMenu(null);
            setStatus(
              `${STEP_WORDS[action.step]}: ${changed.patient.name} with ${changed.doctor.name} at ${formatTime(changed.start, timezone)}.`,
            );
            focusVisit(a.id);
          },
        },
      );
      return;
    }
    setMenu(null);
    if (action.kind === 'move') {
      setFailure(null);
      setMoving(a.id);
    } else if (action.kind === 'reschedule') setRescheduling(a);
    else setCancelling(a);
  }

  return (
    <div ref={board} className="cal-board">
      <div className="cal-messages">
        {failure &&
          ('text' in failure ? (
            <Alert title={failure.title}>
              <p>{failure.text}</p>
            </Alert>
          ) : (
            <ErrorAlert title={failure.title} error={failure.error} />
          ))}
        <p role="status" className="form-status">
          {status}
        </p>
      </div>
      <TimeGrid
        label={label}
        columns={columns}
        rowLabels={rowLabels}
        timezone={timezone}
        now={now}
        moving={moving}
        onBook={(column, start) => {
          setFailure(null);
          setBooking({ doctor: column.doctor, date: column.date, start });
        }}
        onOpen={(a) => {
          step.reset();
          setMenu(a);
        }}
        onMove={move}
        onMoveEnd={() => setMoving(null)}
        announce={setStatus}
      />
      <BookDialog
        slot={booking}
        timezone={timezone}
        onClose={() => setBooking(null)}
        onBooked={(a) => {
          setBooking(null);
          setStatus(`Booked: ${a.patient.name} with ${a.doctor.name} at ${at(a)}.`);
          focusVisit(a.id);
        }}
      />
      <BlockMenu
        appointment={menu}
        timezone={timezone}
        busy={step.isPending}
        error={step.error}
        onAction={act}
        onClose={() => setMenu(null)}
      />
      <RescheduleDialog
        appointment={rescheduling}
        timezone={timezone}
        onClose={() => setRescheduling(null)}
        onRescheduled={(a) => {
          setRescheduling(null);
          setStatus(`Moved: ${a.patient.name} with ${a.doctor.name}, now ${at(a)}.`);
          focusVisit(a.id);
        }}
      />
      <CancelDialog
        appointment={cancelling}
        timezone={timezone}
        onClose={() => setCancelling(null)}
        onCancelled={(a) => {
          setCancelling(null);
          setStatus(`Cancelled: ${a.patient.name} with ${a.doctor.name} at ${formatTime(a.start, timezone)}.`);
          focusVisit(a.id);
        }}
      />
    </div>
  );
}
