import type { ChangeEvent } from 'react';
import { Field } from '../../components/field';
import type { FieldErrors } from '../../lib/form-errors';

export const emptyDoctor = { name: '', specialty: '', email: '', phone: '', slotMinutes: '' };
export type DoctorValues = typeof emptyDoctor;

type Bind = (field: keyof DoctorValues) => {
  name: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
};

export const doctorRules = {
  create: () => import('@clinic/contract/doctors').then((contract) => contract.createDoctorBody),
  update: () => import('@clinic/contract/doctors').then((contract) => contract.updateDoctorBody),
};

/** The inputs of a doctor, shared by the add form and the edit dialog. */
export function DoctorFields({ bind, errors }: { bind: Bind; errors: FieldErrors }) {
  return (
    <div className="form-grid">
      <Field label="Name" error={errors.name}>
        {(p) => <input {...p} {...bind('name')} autoComplete="off" />}
      </Field>
      <Field label="Specialty" error={errors.specialty}>
        {(p) => <input {...p} {...bind('specialty')} />}
      </Field>
      <Field label="Email" hint="Optional" error={errors.email}>
        {(p) => <input {...p} type="email" {...bind('email')} autoComplete="off" />}
      </Field>
      <Field label="Phone" hint="Optional" error={errors.phone}>
        {(p) => <input {...p} type="tel" {...bind('phone')} autoComplete="off" />}
      </Field>
      <Field label="Slot length (minutes)" hint="Optional, clinic default if empty" error={errors.slotMinutes}>
        {(p) => <input {...p} type="number" inputMode="numeric" min={5} max={480} step={5} {...bind('slotMinutes')} />}
      </Field>
    </div>
  );
}
