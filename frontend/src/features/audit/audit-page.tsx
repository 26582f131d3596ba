import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { addDays, startOfDayInZone } from '../../lib/time';
import type { AuditAction, AuditFilters as Filters } from '../../services/admin-api';
import { AuditFilters, noAuditFilters, type AuditFilterValues } from './audit-filters';
import { AuditTable } from './audit-table';
import { useAudit } from './use-audit';
import { VerifyChain } from './verify-chain';

const PAGE_SIZE = 50;

function toQuery(values: AuditFilterValues, timezone: string, offset: number): Filters {
  return {
    actorId: values.actorId || undefined,
    resourceType: values.resourceType.trim() || undefined,
    action: (values.action || undefined) as AuditAction | undefined,
    from: values.from ? startOfDayInZone(values.from, timezone) : undefined,
    // The end of the "To" day is the start of the next one.
    to: values.to ? startOfDayInZone(addDays(values.to, 1), timezone) : undefined,
    limit: PAGE_SIZE,
    offset,
  };
}

export function AuditPage() {
  const { timezone } = useClinic();
  const [values, setValues] = useState(noAuditFilters);
  const [offset, setOffset] = useState(0);
  const settled = useDebouncedValue(values);
  const audit = useAudit(toQuery(settled, timezone, offset));
  const page = audit.data;

  return (
    <>
      <title>Audit log · Clinic desk</title>
      <h1>Audit log</h1>
      <p>Every read and change of patient data and every sign-in event, newest first. Records cannot be changed or deleted.</p>
      <section aria-labelledby="verify-heading" className="card">
        <h2 id="verify-heading">Tamper check</h2>
        <p className="muted">Each record carries the hash of the one before it; the check recomputes the whole chain.</p>
        <VerifyChain />
      </section>
      <section aria-labelledby="audit-records-heading">
        <h2 id="audit-records-heading">Records</h2>
        <AuditFilters
          values={values}
          onChange={(next) => {
            setValues(next);
            setOffset(0);
          }}
        />
        {audit.isPending && <p className="muted">Loading records…</p>}
        {audit.isError && (
          <ErrorAlert title="The audit log could not be loaded." error={audit.error} onRetry={() => void audit.refetch()} />
        )}
        {page && page.items.length === 0 && <p className="empty">No records match these filters.</p>}
        {page && page.items.length > 0 && (
          <>
            <p className="muted">
              Records {offset + 1}–{offset + page.items.length} of {page.total}
            </p>
            <AuditTable records={page.items} timezone={timezone} />
            <div className="pager">
              <button
                type="button"
                className="button-secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                Newer records
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={offset + PAGE_SIZE >= page.total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                Older records
              </button>
            </div>
          </>
        )}
      </section>
    </>
  );
}
