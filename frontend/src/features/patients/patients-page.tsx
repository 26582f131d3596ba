import { PatientForm } from './patient-form';
import { PatientList } from './patient-list';

export function PatientsPage() {
  return (
    <>
      <title>Patients · Clinic desk</title>
      <h1>Patients</h1>
      <section aria-labelledby="add-patient-heading" className="card">
        <h2 id="add-patient-heading">New patient</h2>
        <PatientForm />
      </section>
      <section aria-labelledby="patient-list-heading">
        <h2 id="patient-list-heading">All patients</h2>
        <PatientList />
      </section>
    </>
  );
}
