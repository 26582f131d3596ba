import mongoose, { Schema } from 'mongoose';

const PatientSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, required: true },
    phone: String,
    dateOfBirth: Date,
  },
  { timestamps: true },
);

export const Patient = mongoose.model('Patient', PatientSchema);
