import { formatInstantDay, formatTime } from '../../lib/time';
import type { AuditRecord } from '../../services/admin-api';

export function AuditTable({ records, timezone }: { records: AuditRecord[]; timezone: string }) {
  return (
    <div className="table-wrap" role="region" aria-label="Audit records" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Resource</th>
            <th scope="col">Outcome</th>
            <th scope="col">Client address</th>
            <th scope="col">Correlation id</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id}>
              <td>{r.seq}</td>
              <td className="nowrap">
                {formatInstantDay(r.at, timezone)} {formatTime(r.at, timezone)}
              </td>
              <td>
                {r.actorLabel ?? '—'} <span className="muted">({r.actorKind})</span>
              </td>
              <td>
                <code>{r.action}</code>
              </td>
              <td>
                {r.resourceType}
                {r.resourceId && <span className="muted"> {r.resourceId}</span>}
              </td>
              <td>
                <span className={`badge badge-${r.outcome}`}>{r.outcome}</span>
              </td>
              <td>{r.clientAddress ?? '—'}</td>
              <td>
                <code className="small">{r.correlationId ?? '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
