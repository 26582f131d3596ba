import './patient-page.css';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import { formatDate } from '../../lib/time';
import { useReturnFocus } from '../../lib/use-return-focus';
import { EditPatientDialog } from './edit-patient-dialog';
import { PatientAppointments } from './patient-appointments';
import { usePatient } from './use-patient';
import { usePatientHistory } from './use-patient-history';

/** One patient: details, coming and past appointments, and booking again from any of them. */
export function PatientPage() {
  const { id = '' } = useParams();
  const { timezone } = useClinic();
  // Fixed for the visit to the page, so "upcoming" does not shift under the reader.
  const [now] = useState(() => new Date().toISOString());
  const patient = usePatient(id);
  const { upcoming, past } = usePatientHistory(id, now);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const returnFocus = useReturnFocus(editing);

  if (patient.isPending) return <p className="muted">Loading the patient…</p>;
  if (patient.isError) {
    return (
      <>
        <title>Patient · Clinic desk</title>
        <h1>Patient</h1>
        <ErrorAlert title="The patient could not be loaded." error={patient.error} onRetry={() => void patient.refetch()} />
        <p>
          <Link to="/patients">Back to all patients</Link>
        </p>
      </>
    );
  }
  const p = patient.data;

  return (
    <>
      <title>{`${p.name} · Clinic desk`}</title>
      <p>
        <Link to="/patients">All patients</Link>
      </p>
      <h1>{p.name}</h1>
      <section aria-labelledby="patient-details-heading" className="card">
        <h2 id="patient-details-heading">Details</h2>
        <dl className="details">
          <dt>Email</dt>
          <dd>{p.email ?? 'None given'}</dd>
          <dt>Phone</dt>
          <dd>{p.phone ?? 'None given'}</dd>
          <dt>Date of birth</dt>
          <dd>{p.dateOfBirth ? formatDate(p.dateOfBirth) : 'Not given'}</dd>
        </dl>
        <div className="form-actions">
          <button
            type="button"
            className="button-secondary"
            onClick={(e) => {
              returnFocus.from(e.currentTarget);
              setNotice('');
              setEditing(true);
            }}
          >
            Edit details
          </button>
          <Link className="button-link" to={`/book?patientId=${encodeURIComponent(p.id)}`}>
            Book an appointment
          </Link>
          <p role="status" className="form-status">
            {notice}
          </p>
        </div>
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming appointments</h2>
        {upcoming.isPending && <p className="muted">Loading…</p>}
        {upcoming.isError && <ErrorAlert title="The upcoming appointments could not be loaded." error={upcoming.error} />}
        {upcoming.data && <PatientAppointments appointments={upcoming.data.items} timezone={timezone} empty="Nothing booked ahead." />}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">Past appointments</h2>
        {past.isPending && <p className="muted">Loading…</p>}
        {past.isError && <ErrorAlert title="The past appointments could not be loaded." error={past.error} />}
        {past.data && <PatientAppointments appointments={past.data} timezone={timezone} empty="No past appointments." />}
      </section>
      <EditPatientDialog
        patient={editing ? p : null}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          setNotice(`Saved ${saved.name}.`);
        }}
      />
    </>
  );
}
