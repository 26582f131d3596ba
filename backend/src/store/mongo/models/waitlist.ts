import { Schema, type Connection, type Types } from 'mongoose';
import type { OfferStatus, WaitlistStatus, WaitlistWindow } from '../../ports/waitlist.js';

export type WaitlistEntryDoc = {
  _id: Types.ObjectId;
  patientId: Types.ObjectId;
  doctorId: Types.ObjectId | null;
  specialty: string | null;
  visitTypeId: Types.ObjectId | null;
  windows: WaitlistWindow[];
  note: string | null;
  status: WaitlistStatus;
  createdAt: Date;
  updatedAt: Date;
};

export type FreedSlotDoc = {
  _id: Types.ObjectId;
  doctorId: Types.ObjectId;
  start: Date;
  end: Date;
  state: 'open' | 'offered' | 'closed';
  round: number;
  createdAt: Date;
};

export type WaitlistOfferDoc = {
  _id: Types.ObjectId;
  entryId: Types.ObjectId;
  freedId: Types.ObjectId;
  appointmentId: Types.ObjectId | null;
  doctorId: Types.ObjectId;
  start: Date;
  end: Date;
  status: OfferStatus;
  expiresAt: Date;
  createdAt: Date;
  decidedAt: Date | null;
  /** Bumped by every step that decides on the offer, so two racing steps write-conflict (as the audit head's turns). */
  turns: number;
};

const entrySchema = new Schema<WaitlistEntryDoc>(
  {
    patientId: { type: Schema.Types.ObjectId, required: true, ref: 'Patient' },
    doctorId: { type: Schema.Types.ObjectId, default: null, ref: 'Doctor' },
    specialty: { type: String, default: null },
    visitTypeId: { type: Schema.Types.ObjectId, default: null, ref: 'VisitType' },
    windows: {
      type: [new Schema<WaitlistWindow>({ weekday: String, date: String, start: String, end: String }, { _id: false })],
      required: true,
    },
    note: { type: String, default: null },
    status: { type: String, required: true, enum: ['waiting', 'offered', 'booked', 'removed'] },
  },
  { timestamps: true, versionKey: false },
);
entrySchema.index({ status: 1, createdAt: 1, _id: 1 });

const freedSchema = new Schema<FreedSlotDoc>(
  {
    doctorId: { type: Schema.Types.ObjectId, required: true, ref: 'Doctor' },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    state: { type: String, required: true, enum: ['open', 'offered', 'closed'] },
    round: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
freedSchema.index({ state: 1, createdAt: 1, _id: 1 });

const offerSchema = new Schema<WaitlistOfferDoc>(
  {
    entryId: { type: Schema.Types.ObjectId, required: true, ref: 'WaitlistEntry' },
    freedId: { type: Schema.Types.ObjectId, required: true, ref: 'FreedSlot' },
    appointmentId: { type: Schema.Types.ObjectId, default: null, ref: 'Appointment' },
    doctorId: { type: Schema.Types.ObjectId, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    status: { type: String, required: true, enum: ['open', 'accepted', 'declined', 'expired', 'withdrawn'] },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    turns: { type: Number, default: 0 },
  },
  { versionKey: false },
);
offerSchema.index({ entryId: 1, createdAt: -1 });
offerSchema.index({ status: 1, expiresAt: 1 });
// One open offer per freed slot and per entry, as the SQL partial unique indexes keep them.
offerSchema.index({ freedId: 1 }, { unique: true, partialFilterExpression: { status: 'open' }, name: 'open_offer_per_freed' });
offerSchema.index({ entryId: 1 }, { unique: true, partialFilterExpression: { status: 'open' }, name: 'open_offer_per_entry' });

export const waitlistModels = (connection: Connection) => ({
  WaitlistEntry: connection.model<WaitlistEntryDoc>('WaitlistEntry', entrySchema, 'waitlist_entries'),
  FreedSlot: connection.model<FreedSlotDoc>('FreedSlot', freedSchema, 'freed_slots'),
  WaitlistOffer: connection.model<WaitlistOfferDoc>('WaitlistOffer', offerSchema, 'waitlist_offers'),
});
