import { Schema, type Connection, type Types } from 'mongoose';
import type { AuditOutcome } from '../../ports/audit.js';

/**
 * One audit record. A write stores it in its own transaction as pending (no seq yet); chaining
 * then gives pending records their seq and hashes in one transaction on the head, so bookings do
 * not all contend for the head document.
 */
export type AuditRecordDoc = {
  _id: Types.ObjectId;
  seq: number | null;
  pending?: boolean;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: AuditOutcome;
  correlationId: string | null;
  clientAddress: string | null;
  prevHash: string | null;
  hash: string | null;
};

const text = { type: String, default: null };

const auditRecordSchema = new Schema<AuditRecordDoc>(
  {
    seq: { type: Number, default: null },
    pending: { type: Boolean },
    at: { type: Date, required: true },
    actorKind: { type: String, required: true },
    actorId: text,
    actorLabel: text,
    action: { type: String, required: true },
    resourceType: { type: String, required: true },
    resourceId: text,
    outcome: { type: String, required: true, enum: ['success', 'failure', 'denied'] },
    correlationId: text,
    clientAddress: text,
    prevHash: text,
    hash: text,
  },
  { versionKey: false },
);
auditRecordSchema.index({ seq: 1 }, { unique: true, partialFilterExpression: { seq: { $type: 'number' } } });
auditRecordSchema.index({ pending: 1, _id: 1 }, { partialFilterExpression: { pending: { $exists: true } } });
auditRecordSchema.index({ actorId: 1, seq: -1 });
auditRecordSchema.index({ resourceType: 1, resourceId: 1, seq: -1 });
auditRecordSchema.index({ action: 1, seq: -1 });
auditRecordSchema.index({ at: 1 });

export const auditRecordModel = (connection: Connection) =>
  connection.model<AuditRecordDoc>('AuditRecord', auditRecordSchema, 'audit_records');

/** Where the chain ends: the last chained record's seq and hash; `turns` counts chainings. */
export type AuditHeadDoc = { _id: string; seq: number; hash: string; turns: number };

const auditHeadSchema = new Schema<AuditHeadDoc>(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    hash: { type: String, required: true },
    turns: { type: Number, default: 0 },
  },
  { versionKey: false },
);

export const auditHeadModel = (connection: Connection) => connection.model<AuditHeadDoc>('AuditHead', auditHeadSchema, 'audit_heads');
