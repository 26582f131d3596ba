import { Field } from '../../components/field';
import type { VisitType } from '../../services/visit-types-api';
import { useVisitTypes } from './use-visit-types';
import { describeVisitType } from './visit-type-label';

/** The doctor's visit types that are offered now. */
export function useOfferedVisitTypes(doctorId: string): VisitType[] {
  return (useVisitTypes(doctorId).data ?? []).filter((type) => type.active);
}

/** A choice of visit type ('' is the doctor's standard slot); nothing when the doctor offers none. */
export function VisitTypeField({
  offered,
  standardMinutes,
  value,
  onChange,
}: {
  offered: VisitType[];
  standardMinutes: number | undefined;
  value: string;
  onChange: (visitTypeId: string) => void;
}) {
  if (offered.length === 0) return null;
  return (
    <Field label="Visit type">
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Standard ({standardMinutes ?? ''} min)</option>
          {offered.map((type) => (
            <option key={type.id} value={type.id}>
              {type.name} ({describeVisitType(type)})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
