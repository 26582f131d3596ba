import { Schema, type Connection } from 'mongoose';

export type AppSecretDoc = { _id: string; value: string };

const appSecretSchema = new Schema<AppSecretDoc>(
  { _id: { type: String, required: true }, value: { type: String, required: true } },
  { versionKey: false },
);

export const appSecretModel = (connection: Connection) => connection.model<AppSecretDoc>('AppSecret', appSecretSchema, 'app_secrets');
