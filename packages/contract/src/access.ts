import { roleSchema } from './clinic.js';
import { emailSchema, idSchema, nameSchema, z } from './fields.js';

// Length and the common-password list are checked by the server's service, which names the field.
const password = z.string().min(1, 'must not be empty').max(1024).meta({ example: 'correct-horse-battery-staple' });

export const loginBody = z
  .object({
    email: z.string().trim().min(1).max(320).meta({ example: 'desk@demo.clinic' }),
    password: z.string().max(1024),
    totp: z.string().trim().max(10).optional().meta({ description: 'The 6-digit code, for accounts with two-factor sign-in' }),
  })
  .strict();

export const changePasswordBody = z.object({ currentPassword: z.string().max(1024), newPassword: password }).strict();
export const totpEnableBody = z.object({ code: z.string().trim().max(10) }).strict();
export const totpDisableBody = z.object({ password: z.string().max(1024) }).strict();

export const createAccountBody = z
  .object({ email: emailSchema, name: nameSchema, role: roleSchema, doctorId: idSchema.nullable().optional(), password })
  .strict();

export const updateAccountBody = z
  .object({ name: nameSchema, role: roleSchema, doctorId: idSchema.nullable(), disabled: z.boolean() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

export const setPasswordBody = z.object({ password }).strict();

export const tokenRoleSchema = z.enum(['staff', 'admin']);

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100).meta({ example: 'lab-integration' }),
    role: tokenRoleSchema,
    expiresInDays: z.number().int().min(1).max(365).optional().meta({ description: 'Default 90' }),
  })
  .strict();

export const meSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  role: roleSchema,
  doctorId: z.string().nullable(),
  totpEnabled: z.boolean(),
});

export const accountSchema = z.object({
  id: z.string(),
  _id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  doctorId: z.string().nullable(),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const tokenSchema = z.object({
  id: z.string(),
  _id: z.string(),
  name: z.string(),
  role: tokenRoleSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const newTokenSchema = tokenSchema.extend({
  secret: z.string().meta({ description: 'Shown this once; send it as Authorization: Bearer <secret>', example: 'clk_…' }),
});

export const totpSetupSchema = z.object({
  otpauthUri: z.string(),
  qrDataUrl: z.string().meta({ description: 'A PNG data: URL of the otpauth URI as a QR code' }),
});

export type Me = z.infer<typeof meSchema>;
export type Credentials = z.input<typeof loginBody>;
export type TotpSetup = z.infer<typeof totpSetupSchema>;
export type Account = z.infer<typeof accountSchema>;
export type NewAccount = z.input<typeof createAccountBody>;
export type AccountChanges = z.input<typeof updateAccountBody>;
export type TokenRole = z.infer<typeof tokenRoleSchema>;
export type Token = z.infer<typeof tokenSchema>;
export type NewToken = z.input<typeof createTokenBody>;
export type CreatedToken = z.infer<typeof newTokenSchema>;
