import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { ApiError } from '../../services/api';

export type SiteFields = { name: string; address: string; timezone: string };

// The zones this browser knows, offered as suggestions; the server checks what is sent.
const ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Name, address and zone of a site; the default site's zone is CLINIC_TIMEZONE and not offered for change. */
export function SiteForm({
  label,
  initial,
  zoneLocked,
  submitLabel,
  pending,
  error,
  status,
  onSubmit,
}: {
  label: string;
  initial: SiteFields;
  zoneLocked: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  status: string;
  onSubmit: (fields: SiteFields) => void;
}) {
  const [fields, setFields] = useState(initial);
  const fieldError = (path: string) =>
    error instanceof ApiError ? error.details.find((detail) => detail.path === path)?.message : undefined;
  const set = (key: keyof SiteFields) => (event: { target: { value: string } }) => setFields({ ...fields, [key]: event.target.value });
  const listId = `zones-${label.replace(/\W+/g, '-').toLowerCase()}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(fields);
  }

  return (
    <form onSubmit={submit} aria-label={label} className="time-off-form">
      <Field label="Name" error={fieldError('name')}>
        {(p) => <input {...p} required maxLength={100} value={fields.name} onChange={set('name')} />}
      </Field>
      <Field label="Address" hint="Optional; shown to patients" error={fieldError('address')}>
        {(p) => <input {...p} maxLength={300} value={fields.address} onChange={set('address')} />}
      </Field>
      <Field
        label="Time zone"
        hint={zoneLocked ? 'The main site follows the clinic’s zone' : 'An IANA zone such as Europe/London'}
        error={fieldError('timezone')}
      >
        {(p) => <input {...p} required list={listId} disabled={zoneLocked} value={fields.timezone} onChange={set('timezone')} />}
      </Field>
      <datalist id={listId}>
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <FormActions submitLabel={submitLabel} pending={pending} pendingText="Saving the site…" status={status} />
      {Boolean(error) && !fieldError('name') && !fieldError('address') && !fieldError('timezone') && (
        <ErrorAlert title="The site was not saved." error={error} />
      )}
    </form>
  );
}
