import { DoctorForm } from './doctor-form';
import { DoctorList } from './doctor-list';

export function DoctorsPage() {
  return (
    <>
      <title>Doctors · Clinic desk</title>
      <h1>Doctors</h1>
      <section aria-labelledby="add-doctor-heading" className="card">
        <h2 id="add-doctor-heading">New doctor</h2>
        <DoctorForm />
      </section>
      <section aria-labelledby="doctor-list-heading">
        <h2 id="doctor-list-heading">All doctors</h2>
        <DoctorList />
      </section>
    </>
  );
}
