import { Schema, type Connection, type Types } from 'mongoose';
import type { VisitType } from '../../ports/visit-types.js';

export type VisitTypeDoc = Omit<VisitType, 'id' | 'doctorId'> & { _id: Types.ObjectId; doctorId: Types.ObjectId };

const visitTypeSchema = new Schema<VisitTypeDoc>(
  {
    doctorId: { type: Schema.Types.ObjectId, required: true, ref: 'Doctor' },
    name: { type: String, required: true },
    durationMinutes: { type: Number, required: true, min: 5, max: 480 },
    bufferMinutes: { type: Number, required: true, min: 0, max: 240 },
    active: { type: Boolean, required: true },
  },
  { timestamps: true, versionKey: false },
);
visitTypeSchema.index({ doctorId: 1, name: 1 });

export const visitTypeModel = (connection: Connection) => connection.model<VisitTypeDoc>('VisitType', visitTypeSchema, 'visit_types');
