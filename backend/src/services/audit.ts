import { clientAddress, currentActor, currentCorrelationId, type Actor } from '../config/context.js';
import { AppError } from '../errors.js';
import type { AuditEntry, AuditFilter } from '../store/ports/audit.js';
import type { Store } from '../store/store.js';

import type { AuditAction } from '@clinic/contract/audit';

export { AUDIT_ACTIONS, type AuditAction } from '@clinic/contract/audit';

export type AuditEvent = {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  outcome: 'success' | 'failure' | 'denied';
  actor?: Actor;
};

export interface AuditTrail {
  record(event: AuditEvent): Promise<void>;
}

type Target = { action: AuditAction; resourceType: string; resourceId?: string | null };

/** A refusal the caller was told about (4xx): worth a failure record. A 5xx wrote and read nothing. */
const refused = (error: unknown) => error instanceof AppError && error.status < 500;

/**
 * The audit trail as the services use it. Actor, correlation id and client address come from the
 * request's context; records hold ids and labels only, never a patient's contact details.
 */
export function auditTrail(store: Store) {
  const entry = (event: AuditEvent): AuditEntry => {
    const actor = event.actor ?? currentActor();
    return {
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      outcome: event.outcome,
      correlationId: currentCorrelationId() ?? null,
      clientAddress: clientAddress(),
    };
  };
  const record = (event: AuditEvent) => store.audit.append(entry(event));

  async function recordingRefusal<T>(target: Target, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (refused(error)) await record({ ...target, outcome: 'failure' });
      throw error;
    }
  }

  return {
    record,
    /**
     * A read of patient data, recorded once it succeeded and before anything is answered, so
     * nothing is shown that the trail does not hold; a refused read is recorded as a failure.
     */
    read: <T>(target: Target, run: () => Promise<T>): Promise<T> =>
      recordingRefusal(target, async () => {
        const result = await run();
        await record({ ...target, outcome: 'success' });
        return result;
      }),
    /**
     * A write of patient data: `run` hands the success record to the store, which keeps it in the
     * write's own transaction (naming the row written); a refused write is recorded as a failure.
     */
    write: <T>(target: Target, run: (audit: AuditEntry) => Promise<T>): Promise<T> =>
      recordingRefusal(target, () => run(entry({ ...target, outcome: 'success' }))),
    list: (filter: AuditFilter) => store.audit.list(filter),
    verify: () => store.audit.verify(),
  };
}

export type AuditService = ReturnType<typeof auditTrail>;
