import type { ChangeEvent } from 'react';
import { Field } from '../../components/field';
import type { FieldErrors } from '../../lib/form-errors';
import { todayInZone } from '../../lib/time';

export const emptyPatient = { name: '', email: '', phone: '', dateOfBirth: '' };
export type PatientValues = typeof emptyPatient;

type Bind = (field: keyof PatientValues) => {
  name: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
};

export const patientRules = {
  create: () => import('@clinic/contract/patients').then((contract) => contract.createPatientBody),
  update: () => import('@clinic/contract/patients').then((contract) => contract.updatePatientBody),
};

/** The inputs of a patient, shared by the add form and the edit dialog. */
export function PatientFields({ bind, errors, timezone }: { bind: Bind; errors: FieldErrors; timezone: string }) {
  return (
    <div className="form-grid">
      <Field label="Name" error={errors.name}>
        {(p) => <input {...p} {...bind('name')} autoComplete="off" />}
      </Field>
      <Field label="Email" hint="Optional; a child may have none" error={errors.email}>
        {(p) => <input {...p} type="email" {...bind('email')} autoComplete="off" />}
      </Field>
      <Field label="Phone" hint="Optional" error={errors.phone}>
        {(p) => <input {...p} type="tel" {...bind('phone')} autoComplete="off" />}
      </Field>
      <Field label="Date of birth" hint="Optional" error={errors.dateOfBirth}>
        {(p) => <input {...p} type="date" max={todayInZone(timezone)} {...bind('dateOfBirth')} />}
      </Field>
    </div>
  );
}
