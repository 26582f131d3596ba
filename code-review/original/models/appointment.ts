import mongoose, { Schema } from 'mongoose';

export interface IAppointment {
  doctorId: mongoose.Types.ObjectId;
  patientId: mongoose.Types.ObjectId;
  start: Date;
  end: Date;
  status: string;
  reason?: string;
  price?: number;
}

const AppointmentSchema = new Schema<IAppointment>(
  {
    doctorId: { type: Schema.Types.ObjectId, ref: 'Doctor', required: true },
    patientId: { type: Schema.Types.ObjectId, ref: 'Patient', required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    status: { type: String, default: 'BOOKED' },
    reason: String,
    price: Number,
  },
  // strict: false so the mobile app can send extra fields without a deploy
  { timestamps: true, strict: false },
);

export const Appointment = mongoose.model<IAppointment>('Appointment', AppointmentSchema);
