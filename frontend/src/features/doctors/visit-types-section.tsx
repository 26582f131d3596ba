import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { ApiError } from '../../services/api';
import { describeVisitType } from './visit-type-label';
import { useAddVisitType, useChangeVisitType, useRemoveVisitType, useVisitTypes } from './use-visit-types';

const EMPTY = { name: '', durationMinutes: '30', bufferMinutes: '0' };

/** What the doctor offers: each type's length and buffer; staff add, pause and remove them here. */
export function VisitTypesSection({ doctorId, canEdit }: { doctorId: string; canEdit: boolean }) {
  const types = useVisitTypes(doctorId);
  const add = useAddVisitType(doctorId);
  const change = useChangeVisitType(doctorId);
  const remove = useRemoveVisitType(doctorId);
  const [form, setForm] = useState(EMPTY);
  const [added, setAdded] = useState('');
  const fieldError = (path: string) =>
    add.error instanceof ApiError ? add.error.details.find((detail) => detail.path === path)?.message : undefined;
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded('');
    add.mutate(
      { name: form.name, durationMinutes: Number(form.durationMinutes), bufferMinutes: Number(form.bufferMinutes) },
      {
        onSuccess: (created) => {
          setAdded(`Added: ${created.name}, ${describeVisitType(created)}.`);
          setForm(EMPTY);
        },
      },
    );
  }

  return (
    <section aria-labelledby="visit-types-heading" className="card">
      <h2 id="visit-types-heading">Visit types</h2>
      {types.isPending && <p className="muted">Loading visit types…</p>}
      {types.isError && (
        <ErrorAlert title="The visit types could not be loaded." error={types.error} onRetry={() => void types.refetch()} />
      )}
      {types.isSuccess && types.data.length === 0 && (
        <p className="empty">No visit types yet: bookings use the doctor’s standard slot length.</p>
      )}
      {types.isSuccess && types.data.length > 0 && (
        <ul className="time-off-list">
          {types.data.map((type) => (
            <li key={type.id}>
              <span>
                <strong>{type.name}</strong> · {describeVisitType(type)}
                {!type.active && <span className="muted"> · not offered</span>}
              </span>
              {canEdit && (
                <span className="row-actions">
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={change.isPending}
                    onClick={() => change.mutate({ id: type.id, changes: { active: !type.active } })}
                  >
                    {type.active ? `Stop offering ${type.name}` : `Offer ${type.name} again`}
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    aria-label={`Remove ${type.name}`}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(type.id)}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {change.isError && <ErrorAlert title="The visit type was not changed." error={change.error} />}
      {remove.isError && <ErrorAlert title="The visit type was not removed." error={remove.error} />}
      {canEdit && (
        <form onSubmit={submit} aria-label="Add a visit type" className="time-off-form">
          <h3>Add a visit type</h3>
          <Field label="Name" error={fieldError('name')}>
            {(p) => <input {...p} required maxLength={100} value={form.name} onChange={set('name')} />}
          </Field>
          <Field label="Length (minutes)" error={fieldError('durationMinutes')}>
            {(p) => (
              <input
                {...p}
                type="number"
                required
                min={5}
                max={480}
                step={5}
                value={form.durationMinutes}
                onChange={set('durationMinutes')}
              />
            )}
          </Field>
          <Field label="Buffer after (minutes)" hint="Cleaning or notes; the next booking waits" error={fieldError('bufferMinutes')}>
            {(p) => (
              <input {...p} type="number" required min={0} max={240} step={5} value={form.bufferMinutes} onChange={set('bufferMinutes')} />
            )}
          </Field>
          <FormActions submitLabel="Add visit type" pending={add.isPending} pendingText="Adding the visit type…" status={added} />
          {add.isError && !fieldError('name') && !fieldError('durationMinutes') && !fieldError('bufferMinutes') && (
            <ErrorAlert title="The visit type was not added." error={add.error} />
          )}
        </form>
      )}
    </section>
  );
}
