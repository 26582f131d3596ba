import { useSession } from '../auth/session';
import { DoctorForm } from './doctor-form';
import { DoctorList } from './doctor-list';

export function DoctorsPage() {
  // Staff read the roster; only an admin adds doctors (the API answers 403 otherwise).
  const { me } = useSession();
  return (
    <>
      <title>Doctors · Clinic desk</title>
      <h1>Doctors</h1>
      {me.role === 'admin' && (
        <section aria-labelledby="add-doctor-heading" className="card">
          <h2 id="add-doctor-heading">New doctor</h2>
          <DoctorForm />
        </section>
      )}
      <section aria-labelledby="doctor-list-heading">
        <h2 id="doctor-list-heading">All doctors</h2>
        <DoctorList canEdit={me.role === 'admin'} />
      </section>
    </>
  );
}
