/** The audit trail's port: an append-only, hash-chained record of who touched what. */

export type AuditOutcome = 'success' | 'failure' | 'denied';

/**
 * What happened and who did it. The store adds the time, the record's place in the chain and its
 * hashes; given with a write, it is stored in the write's own transaction with the written row's id.
 */
export type AuditEntry = {
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: AuditOutcome;
  correlationId: string | null;
  clientAddress: string | null;
};

export type AuditRecord = AuditEntry & {
  id: string;
  /** 1, 2, 3... without gaps: the record's place in the chain. */
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
};

export type AuditFilter = {
  limit: number;
  offset: number;
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  from?: Date;
  to?: Date;
};

export type AuditVerification = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

export interface AuditRepository {
  /** Appends one record on its own; appends racing in from other processes keep one unbroken chain. */
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<{ items: AuditRecord[]; total: number }>;
  /** Recomputes every hash in order and names the first record that does not follow from the one before. */
  verify(): Promise<AuditVerification>;
  /**
   * Successful records of these actions after `seq`, oldest first. A record gets its seq when it is
   * committed to the chain, never before, so reading on from the last seq seen misses nothing.
   */
  after(seq: number, actions: readonly string[], limit: number): Promise<AuditRecord[]>;
  /** The seq of the chain's last record; 0 while it is empty. */
  lastSeq(): Promise<number>;
}
