import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useReturnFocus } from '../../lib/use-return-focus';
import type { Doctor } from '../../services/api';
import { EditDoctorDialog } from './edit-doctor-dialog';
import { useDoctors } from './use-doctors';

/** The roster; `canEdit` (admins) adds an Edit button to each row. */
export function DoctorList({ canEdit = false }: { canEdit?: boolean }) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const doctors = useDoctors(q);
  const [editing, setEditing] = useState<Doctor | null>(null);
  const [notice, setNotice] = useState('');
  const returnFocus = useReturnFocus(editing !== null);

  return (
    <>
      <Field label="Search doctors" hint="By name">
        {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
      </Field>
      <p role="status" className="form-status">
        {notice}
      </p>
      {doctors.isPending && <p className="muted">Loading doctors…</p>}
      {doctors.isError && (
        <ErrorAlert title="The doctors could not be loaded." error={doctors.error} onRetry={() => void doctors.refetch()} />
      )}
      {doctors.isSuccess && doctors.data.items.length === 0 && (
        <p className="empty">{q ? `No doctor matches “${q}”.` : 'No doctors yet. Add the first one above.'}</p>
      )}
      {doctors.isSuccess && doctors.data.items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Doctors list" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Specialty</th>
                <th scope="col">Slot</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {doctors.data.items.map((doctor) => (
                <tr key={doctor.id}>
                  <td>
                    <Link to={`/doctors/${doctor.id}`}>{doctor.name}</Link>
                  </td>
                  <td>{doctor.specialty}</td>
                  <td>{doctor.slotMinutes} min</td>
                  <td>{doctor.email ?? '—'}</td>
                  <td>{doctor.phone ?? '—'}</td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={`Edit ${doctor.name}`}
                        onClick={(e) => {
                          returnFocus.from(e.currentTarget);
                          setNotice('');
                          setEditing(doctor);
                        }}
                      >
                        Edit
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <EditDoctorDialog
        doctor={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          setNotice(`Saved ${saved.name}.`);
        }}
      />
    </>
  );
}
