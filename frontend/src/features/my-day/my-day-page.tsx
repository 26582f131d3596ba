import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { useClinic } from '../../lib/clinic-config';
import { addDays, formatDay, todayInZone } from '../../lib/time';
import { useAppointments } from '../appointments/use-appointments';
import { useSession } from '../auth/session';
import { useDoctor } from '../doctors/use-doctor';
import { DoctorDay } from '../schedule/doctor-day';

/** A doctor's own appointments, one day at a time: the only page a doctor account has. */
export function MyDayPage() {
  const { timezone } = useClinic();
  const { me } = useSession();
  const [date, setDate] = useState(() => todayInZone(timezone));
  const doctor = useDoctor(me.doctorId);
  const appointments = useAppointments({ doctorId: me.doctorId ?? undefined, date, limit: 100 });
  const items = [...(appointments.data?.items ?? [])].sort((x, y) => x.start.localeCompare(y.start));
  const error = doctor.error ?? appointments.error;

  return (
    <>
      <title>My day · Clinic desk</title>
      <h1>My day</h1>
      {!me.doctorId ? (
        <p className="empty">This account is not linked to a doctor yet. Ask an administrator to link it.</p>
      ) : (
        <>
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
          {(doctor.isPending || appointments.isPending) && <p className="muted">Loading the day…</p>}
          {error && (
            <ErrorAlert
              title="Your day could not be loaded."
              error={error}
              onRetry={() => {
                void doctor.refetch();
                void appointments.refetch();
              }}
            />
          )}
          {doctor.isSuccess && appointments.isSuccess && <DoctorDay doctor={doctor.data} appointments={items} timezone={timezone} />}
        </>
      )}
    </>
  );
}
