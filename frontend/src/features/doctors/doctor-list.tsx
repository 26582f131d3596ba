import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useDoctors } from './use-doctors';

export function DoctorList() {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const doctors = useDoctors(q);

  return (
    <>
      <Field label="Search doctors" hint="By name">
        {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
      </Field>
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
              </tr>
            </thead>
            <tbody>
              {doctors.data.items.map((doctor) => (
                <tr key={doctor.id}>
                  <td>{doctor.name}</td>
                  <td>{doctor.specialty}</td>
                  <td>{doctor.slotMinutes} min</td>
                  <td>{doctor.email ?? '—'}</td>
                  <td>{doctor.phone ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
