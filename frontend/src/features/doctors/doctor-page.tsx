import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import { CalendarLink } from './calendar-link';
import { RotaSection } from './rota-section';
import { TimeOffSection } from './time-off-section';
import { useDoctor } from './use-doctor';
import { VisitTypesSection } from './visit-types-section';

/** One doctor: who they are, their calendar feed, rota, visit types and time off, which the desk edits here. */
export function DoctorPage() {
  const { id = '' } = useParams();
  const { timezone } = useClinic();
  const doctor = useDoctor(id);

  if (doctor.isPending) return <p className="muted">Loading the doctor…</p>;
  if (doctor.isError) {
    return (
      <>
        <title>Doctor · Clinic desk</title>
        <h1>Doctor</h1>
        <ErrorAlert title="The doctor could not be loaded." error={doctor.error} onRetry={() => void doctor.refetch()} />
        <p>
          <Link to="/doctors">Back to all doctors</Link>
        </p>
      </>
    );
  }
  const d = doctor.data;
  return (
    <>
      <title>{`${d.name} · Clinic desk`}</title>
      <p>
        <Link to="/doctors">All doctors</Link>
      </p>
      <h1>{d.name}</h1>
      <p className="muted">
        {d.specialty} · {d.slotMinutes}-minute appointments
      </p>
      <p>
        <Link to={`/doctors/${encodeURIComponent(d.id)}/week`}>Week view</Link>
      </p>
      {d.calendarUrl && <CalendarLink doctorId={d.id} calendarUrl={d.calendarUrl} />}
      <RotaSection doctorId={d.id} timezone={timezone} />
      <VisitTypesSection doctorId={d.id} canEdit />
      <TimeOffSection doctorId={d.id} timezone={timezone} canEdit />
    </>
  );
}
