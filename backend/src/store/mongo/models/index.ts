import type { Connection } from 'mongoose';
import { accountModel } from './account.js';
import { apiTokenModel } from './api-token.js';
import { appointmentModel } from './appointment.js';
import { auditHeadModel, auditRecordModel } from './audit-record.js';
import { bookingLockModel } from './booking-lock.js';
import { doctorModel } from './doctor.js';
import { idempotencyRecordModel } from './idempotency-record.js';
import { patientModel } from './patient.js';
import { sessionModel } from './session.js';
import { timeOffModel } from './time-off.js';
import { visitTypeModel } from './visit-type.js';
import { siteModel } from './site.js';
import { webhookModels } from './webhook.js';
import { messageModels } from './message.js';
import { appSecretModel } from './app-secret.js';
import { waitlistModels } from './waitlist.js';

export function registerModels(connection: Connection) {
  return {
    Doctor: doctorModel(connection),
    Patient: patientModel(connection),
    Appointment: appointmentModel(connection),
    TimeOff: timeOffModel(connection),
    VisitType: visitTypeModel(connection),
    Site: siteModel(connection),
    ...webhookModels(connection),
    ...messageModels(connection),
    AppSecret: appSecretModel(connection),
    ...waitlistModels(connection),
    BookingLock: bookingLockModel(connection),
    IdempotencyRecord: idempotencyRecordModel(connection),
    AuditRecord: auditRecordModel(connection),
    AuditHead: auditHeadModel(connection),
    Account: accountModel(connection),
    Session: sessionModel(connection),
    ApiToken: apiTokenModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
