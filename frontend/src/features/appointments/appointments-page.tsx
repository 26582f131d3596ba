import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { useClinic } from '../../lib/clinic-config';
import { formatInstantDay, formatTime } from '../../lib/time';
import type { Appointment, FrontDeskStep } from '../../services/api';
import { useDoctors } from '../doctors/use-doctors';
import { AppointmentTable } from './appointment-table';
import { CancelDialog } from './cancel-dialog';
import { RescheduleDialog } from './reschedule-dialog';
import { useAppointments } from './use-appointments';
import { useFrontDeskStep } from './use-front-desk-step';

const PAGE_SIZE = 50;

const STEP_NOTICES: Record<FrontDeskStep, string> = {
  'check-in': 'Checked in',
  complete: 'Completed',
  'no-show': 'Marked as a no-show',
};

export function AppointmentsPage() {
  const { timezone } = useClinic();
  const [doctorId, setDoctorId] = useState('');
  const [date, setDate] = useState('');
  const [offset, setOffset] = useState(0);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [rescheduling, setRescheduling] = useState<Appointment | null>(null);
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const rescheduleOpener = useRef<HTMLButtonElement | null>(null);
  const doctors = useDoctors();
  const appointments = useAppointments({
    doctorId: doctorId || undefined,
    date: date || undefined,
    limit: PAGE_SIZE,
    offset,
  });
  const page = appointments.data;
  const step = useFrontDeskStep();

  function takeStep(appointment: Appointment, next: FrontDeskStep) {
    step.mutate(
      { id: appointment.id, step: next },
      {
        onSuccess: (moved) =>
          setNotice(`${STEP_NOTICES[next]}: ${moved.patient.name} with ${moved.doctor.name} at ${formatTime(moved.start, timezone)}.`),
      },
    );
  }

  function onCancelled(appointment: Appointment) {
    setCancelling(null);
    setNotice(`Cancelled: ${appointment.patient.name} with ${appointment.doctor.name} at ${formatTime(appointment.start, timezone)}.`);
  }

  // The row's Cancel button is gone once the dialog closes, so focus would fall back to the
  // page; this effect runs after the dialog's own, so focus lands on the confirmation instead.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  function openReschedule(appointment: Appointment, opener: HTMLButtonElement) {
    rescheduleOpener.current = opener;
    setRescheduling(appointment);
  }

  function onRescheduled(appointment: Appointment) {
    setRescheduling(null);
    const day = formatInstantDay(appointment.start, timezone);
    setNotice(
      `Rescheduled: ${appointment.patient.name} with ${appointment.doctor.name} to ${day} at ${formatTime(appointment.start, timezone)}.`,
    );
  }

  // A rescheduled row stays booked, so focus goes back to its Reschedule button (declared after
  // the notice effect so it wins); only if the row left this page does the notice keep focus.
  useEffect(() => {
    const opener = rescheduleOpener.current;
    if (rescheduling || !opener) return;
    rescheduleOpener.current = null;
    if (opener.isConnected) opener.focus();
    else noticeRef.current?.focus();
  }, [rescheduling]);

  return (
    <>
      <title>Appointments · Clinic desk</title>
      <h1>Appointments</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter appointments">
        <Field label="Doctor">
          {(p) => (
            <select
              {...p}
              value={doctorId}
              onChange={(e) => {
                setDoctorId(e.target.value);
                setOffset(0);
              }}
            >
              <option value="">All doctors</option>
              {doctors.data?.items.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Date" hint="Leave empty for every day">
          {(p) => (
            <input
              {...p}
              type="date"
              value={date}
              onChange={(e) => {
                setDate(e.target.value);
                setOffset(0);
              }}
            />
          )}
        </Field>
      </form>
      <p role="status" ref={noticeRef} tabIndex={-1} className="form-status">
        {notice}
      </p>
      {step.isError && <ErrorAlert title="That status change was not saved." error={step.error} />}
      {appointments.isPending && <p className="muted">Loading appointments…</p>}
      {appointments.isError && (
        <ErrorAlert title="The appointments could not be loaded." error={appointments.error} onRetry={() => void appointments.refetch()} />
      )}
      {page && page.items.length === 0 && <p className="empty">No appointments match these filters.</p>}
      {page && page.items.length > 0 && (
        <>
          <p className="muted">
            Showing {page.offset + 1}–{page.offset + page.items.length} of {page.total}, times in {timezone}.
          </p>
          <AppointmentTable
            appointments={page.items}
            timezone={timezone}
            onCancel={setCancelling}
            onReschedule={openReschedule}
            onStep={takeStep}
            stepping={step.isPending ? step.variables.id : null}
          />
          {page.total > PAGE_SIZE && (
            <div className="pager">
              <button
                type="button"
                className="button-secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                Previous page
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={offset + PAGE_SIZE >= page.total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                Next page
              </button>
            </div>
          )}
        </>
      )}
      <RescheduleDialog
        appointment={rescheduling}
        timezone={timezone}
        onClose={() => setRescheduling(null)}
        onRescheduled={onRescheduled}
      />
      <CancelDialog appointment={cancelling} timezone={timezone} onClose={() => setCancelling(null)} onCancelled={onCancelled} />
    </>
  );
}
