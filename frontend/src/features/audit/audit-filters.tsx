import { Field } from '../../components/field';
import { AUDIT_ACTIONS } from '../../services/admin-api';
import { useAccounts } from '../accounts/use-accounts';
import { useTokens } from '../tokens/use-tokens';

export type AuditFilterValues = { actorId: string; resourceType: string; action: string; from: string; to: string };
export const noAuditFilters: AuditFilterValues = { actorId: '', resourceType: '', action: '', from: '', to: '' };

const RESOURCE_TYPES = ['patient', 'appointment', 'account', 'token', 'session'];

export function AuditFilters({ values, onChange }: { values: AuditFilterValues; onChange: (values: AuditFilterValues) => void }) {
  const accounts = useAccounts(500, 0);
  const tokens = useTokens();
  const set = (field: keyof AuditFilterValues) => (e: { target: { value: string } }) => onChange({ ...values, [field]: e.target.value });

  return (
    <div className="filters audit-filters">
      <Field label="Actor">
        {(p) => (
          <select {...p} value={values.actorId} onChange={set('actorId')}>
            <option value="">Anyone</option>
            <optgroup label="Accounts">
              {accounts.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.email}
                </option>
              ))}
            </optgroup>
            <optgroup label="Tokens">
              {tokens.data?.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      <Field label="Resource type">
        {(p) => (
          <>
            <input {...p} list="audit-resource-types" value={values.resourceType} onChange={set('resourceType')} autoComplete="off" />
            <datalist id="audit-resource-types">
              {RESOURCE_TYPES.map((type) => (
                <option key={type} value={type} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Action">
        {(p) => (
          <select {...p} value={values.action} onChange={set('action')}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="From" hint="Clinic date, inclusive">
        {(p) => <input {...p} type="date" value={values.from} onChange={set('from')} />}
      </Field>
      <Field label="To" hint="Clinic date, inclusive">
        {(p) => <input {...p} type="date" value={values.to} onChange={set('to')} />}
      </Field>
      <button type="button" className="button-secondary" onClick={() => onChange(noAuditFilters)}>
        Clear filters
      </button>
    </div>
  );
}
