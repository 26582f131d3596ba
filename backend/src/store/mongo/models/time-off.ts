import { Schema, type Connection, type Types } from 'mongoose';
import { TIME_OFF_REASONS, type TimeOff } from '../../store.js';

export type TimeOffDoc = Omit<TimeOff, 'id' | 'doctorId'> & { _id: Types.ObjectId; doctorId: Types.ObjectId };

const timeOffSchema = new Schema<TimeOffDoc>(
  {
    doctorId: { type: Schema.Types.ObjectId, required: true, ref: 'Doctor' },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    reason: { type: String, required: true, enum: TIME_OFF_REASONS },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// A doctor's time off that may overlap an interval: start before its end, end after its start.
timeOffSchema.index({ doctorId: 1, start: 1, end: 1 });

export const timeOffModel = (connection: Connection) => connection.model<TimeOffDoc>('TimeOff', timeOffSchema, 'time_off');
