import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { useClinic } from '../../lib/clinic-config';
import { addDays, formatDay, todayInZone } from '../../lib/time';
import type { Appointment, Doctor } from '../../services/api';
import { useAppointments } from '../appointments/use-appointments';
import { useDoctors } from '../doctors/use-doctors';
import { DoctorDay } from './doctor-day';

function byDoctor(appointments: Appointment[]): Map<string, Appointment[]> {
  const groups = new Map<string, Appointment[]>();
  for (const a of [...appointments].sort((x, y) => x.start.localeCompare(y.start))) {
    groups.set(a.doctorId, [...(groups.get(a.doctorId) ?? []), a]);
  }
  return groups;
}

export function SchedulePage() {
  const { timezone } = useClinic();
  const [date, setDate] = useState(() => todayInZone(timezone));
  const doctors = useDoctors();
  const appointments = useAppointments({ date, limit: 500 });
  const groups = byDoctor(appointments.data?.items ?? []);
  // A doctor found only through an appointment (e.g. beyond the roster page) still gets a column.
  const columns: Pick<Doctor, 'id' | 'name' | 'specialty'>[] = [...(doctors.data?.items ?? [])];
  for (const [doctorId, list] of groups) {
    if (list[0] && !columns.some((d) => d.id === doctorId)) columns.push(list[0].doctor);
  }
  const error = doctors.error ?? appointments.error;

  return (
    <>
      <title>Schedule · Clinic desk</title>
      <h1>Schedule</h1>
      <div className="filters">
        <Field label="Date" hint={`Clinic time (${timezone})`}>
          {(p) => <input {...p} type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />}
        </Field>
        <div className="day-nav">
          <button type="button" className="button-secondary" onClick={() => setDate(addDays(date, -1))}>
            Previous day
          </button>
          <button type="button" className="button-secondary" onClick={() => setDate(todayInZone(timezone))}>
            Today
          </button>
          <button type="button" className="button-secondary" onClick={() => setDate(addDays(date, 1))}>
            Next day
          </button>
        </div>
      </div>
      <p className="day-heading">{formatDay(date)}</p>
      {(doctors.isPending || appointments.isPending) && <p className="muted">Loading the day…</p>}
      {error && (
        <ErrorAlert
          title="The schedule could not be loaded."
          error={error}
          onRetry={() => {
            void doctors.refetch();
            void appointments.refetch();
          }}
        />
      )}
      {doctors.isSuccess && appointments.isSuccess && columns.length === 0 && (
        <p className="empty">No doctors yet. Add them on the Doctors page, then book on the Book page.</p>
      )}
      {doctors.isSuccess && appointments.isSuccess && columns.length > 0 && (
        <div className="day-grid" role="region" aria-label="Appointments by doctor" tabIndex={0}>
          {columns.map((doctor) => (
            <DoctorDay key={doctor.id} doctor={doctor} appointments={groups.get(doctor.id) ?? []} timezone={timezone} />
          ))}
        </div>
      )}
    </>
  );
}
