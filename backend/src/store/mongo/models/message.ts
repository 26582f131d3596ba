import { Schema, type Connection, type Types } from 'mongoose';
import { MESSAGE_KINDS, MESSAGE_STATUSES, type Message, type MessageTemplate } from '../../ports/messages.js';

export type MessageDoc = Omit<Message, 'id'> & { _id: Types.ObjectId; lockedUntil: Date | null };
export type MessageTemplateDoc = Omit<MessageTemplate, 'kind'> & { _id: MessageTemplate['kind'] };

const messageSchema = new Schema<MessageDoc>(
  {
    kind: { type: String, required: true, enum: MESSAGE_KINDS },
    // The appointment's or offer's id as the API shows it.
    appointmentId: { type: String, default: null },
    appointmentStart: { type: Date, default: null },
    eventSeq: { type: Number, required: true },
    recipient: { type: String, default: null },
    subject: { type: String, required: true },
    textBody: { type: String, required: true },
    htmlBody: { type: String, required: true },
    ics: { type: String, default: null },
    sendAt: { type: Date, required: true },
    status: { type: String, required: true, enum: MESSAGE_STATUSES },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { versionKey: false },
);
// One message of a kind per event and time, however many processes make it.
messageSchema.index({ eventSeq: 1, kind: 1, sendAt: 1 }, { unique: true });
messageSchema.index({ status: 1, nextAttemptAt: 1 });
messageSchema.index({ appointmentId: 1, createdAt: -1 });
messageSchema.index({ createdAt: -1 });

const templateSchema = new Schema<MessageTemplateDoc>(
  {
    _id: { type: String, required: true, enum: MESSAGE_KINDS },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const messageModels = (connection: Connection) => ({
  Message: connection.model<MessageDoc>('Message', messageSchema, 'messages'),
  MessageTemplate: connection.model<MessageTemplateDoc>('MessageTemplate', templateSchema, 'message_templates'),
});
