import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { useAddForm } from '../../lib/use-add-form';
import type { NewPatient } from '../../services/api';
import { useCreatePatient } from './use-create-patient';

const empty = { name: '', email: '', phone: '', dateOfBirth: '' };
type Values = typeof empty;

const rules = () => import('@clinic/contract/patients').then((contract) => contract.createPatientBody);

function toRequest(values: Values): NewPatient {
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
    ...(values.dateOfBirth ? { dateOfBirth: values.dateOfBirth } : {}),
  };
}

export function PatientForm() {
  const create = useCreatePatient();
  const { bind, submit, status, errors, failure } = useAddForm({
    empty,
    schema: rules,
    toRequest,
    mutation: create,
    added: (patient) => `Added ${patient.name}.`,
  });

  return (
    <form onSubmit={submit} noValidate className="form">
      <div className="form-grid">
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} {...bind('name')} autoComplete="off" />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(p) => <input {...p} type="email" {...bind('email')} autoComplete="off" />}
        </Field>
        <Field label="Phone" hint="Optional" error={errors.phone}>
          {(p) => <input {...p} type="tel" {...bind('phone')} autoComplete="off" />}
        </Field>
        <Field label="Date of birth" hint="Optional" error={errors.dateOfBirth}>
          {(p) => <input {...p} type="date" {...bind('dateOfBirth')} />}
        </Field>
      </div>
      {failure && <ErrorAlert title="The patient was not added." error={failure} />}
      <FormActions submitLabel="Add patient" pending={create.isPending} pendingText="Saving…" status={status} />
    </form>
  );
}
