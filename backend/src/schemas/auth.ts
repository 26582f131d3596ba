import { emailSchema, idSchema, nameSchema, z } from './common.js';

const role = z.enum(['admin', 'staff', 'doctor']);
// Length and the common-password list are checked by the service, which names the field.
const password = z.string().min(1, 'must not be empty').max(1024).openapi({ example: 'correct-horse-battery-staple' });

export const loginBody = z
  .object({
    email: z.string().trim().min(1).max(320).openapi({ example: 'desk@demo.clinic' }),
    password: z.string().max(1024),
    totp: z.string().trim().max(10).optional().openapi({ description: 'The 6-digit code, for accounts with two-factor sign-in' }),
  })
  .strict()
  .openapi('Login');

export const changePasswordBody = z
  .object({ currentPassword: z.string().max(1024), newPassword: password })
  .strict()
  .openapi('ChangePassword');
export const totpEnableBody = z
  .object({ code: z.string().trim().max(10) })
  .strict()
  .openapi('TotpEnable');
export const totpDisableBody = z
  .object({ password: z.string().max(1024) })
  .strict()
  .openapi('TotpDisable');

export const createAccountBody = z
  .object({ email: emailSchema, name: nameSchema, role, doctorId: idSchema.nullable().optional(), password })
  .strict()
  .openapi('CreateAccount');

export const updateAccountBody = z
  .object({ name: nameSchema, role, doctorId: idSchema.nullable(), disabled: z.boolean() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateAccount');

export const setPasswordBody = z.object({ password }).strict().openapi('SetPassword');

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'lab-integration' }),
    role: z.enum(['staff', 'admin']),
    expiresInDays: z.number().int().min(1).max(365).optional().openapi({ description: 'Default 90' }),
  })
  .strict()
  .openapi('CreateToken');

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string(),
    role,
    doctorId: z.string().nullable(),
    totpEnabled: z.boolean(),
  })
  .openapi('Me');

export const accountSchema = z
  .object({
    id: z.string(),
    _id: z.string(),
    email: z.string(),
    name: z.string(),
    role,
    doctorId: z.string().nullable(),
    disabled: z.boolean(),
    totpEnabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Account');

export const tokenSchema = z
  .object({
    id: z.string(),
    _id: z.string(),
    name: z.string(),
    role: z.enum(['staff', 'admin']),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');

export const newTokenSchema = tokenSchema
  .extend({ secret: z.string().openapi({ description: 'Shown this once; send it as Authorization: Bearer <secret>', example: 'clk_…' }) })
  .openapi('NewToken');

export const totpSetupSchema = z
  .object({ otpauthUri: z.string(), qrDataUrl: z.string().openapi({ description: 'A PNG data: URL of the otpauth URI as a QR code' }) })
  .openapi('TotpSetup');
