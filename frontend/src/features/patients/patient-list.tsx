import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { formatDate } from '../../lib/time';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { usePatients } from './use-patients';

const PAGE_SIZE = 100;

export function PatientList() {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const patients = usePatients(q, PAGE_SIZE);
  const page = patients.data;

  return (
    <>
      <Field label="Search patients" hint="Name, email, phone or birth date; results update as you type">
        {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
      </Field>
      {patients.isPending && <p className="muted">Loading patients…</p>}
      {patients.isError && (
        <ErrorAlert title="The patients could not be loaded." error={patients.error} onRetry={() => void patients.refetch()} />
      )}
      {page && page.items.length === 0 && (
        <p className="empty">{q ? `No patient matches “${q}”.` : 'No patients yet. Add the first one above.'}</p>
      )}
      {page && page.items.length > 0 && (
        <>
          <p className="muted">
            {page.total > page.items.length
              ? `Showing ${page.items.length} of ${page.total}; search to narrow the list.`
              : `${page.total} ${page.total === 1 ? 'patient' : 'patients'}`}
          </p>
          <div className="table-wrap" role="region" aria-label="Patients list" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Date of birth</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((patient) => (
                  <tr key={patient.id}>
                    <td>
                      <Link to={`/patients/${encodeURIComponent(patient.id)}`}>{patient.name}</Link>
                    </td>
                    <td>{patient.email ?? '—'}</td>
                    <td>{patient.phone ?? '—'}</td>
                    <td>{patient.dateOfBirth ? formatDate(patient.dateOfBirth) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
