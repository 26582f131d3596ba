import type { z } from '@clinic/contract/fields';
import { ApiError } from '../services/api';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Maps an error's per-field details (a 400's, or a 409 DUPLICATE naming the email) onto form
 * fields, so each message sits next to its field. Errors naming no field stay whole, for one alert.
 */
export function fieldErrorsFrom(error: unknown, fields: readonly string[]): FieldErrors {
  if (!(error instanceof ApiError) || (error.code !== 'VALIDATION_ERROR' && error.code !== 'DUPLICATE')) return {};
  const result: FieldErrors = {};
  for (const detail of error.details) {
    const field = String(detail.path).split('.').pop() ?? '';
    if (fields.includes(field) && !result[field]) result[field] = detail.message;
  }
  return result;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/**
 * Checks a request body with the schema the server checks it with, before it is sent: the same
 * rules, and each field's message word for word what the server's 400 would put next to it.
 */
export function schemaErrors(schema: z.ZodType, body: unknown): FieldErrors {
  const result = schema.safeParse(body);
  const errors: FieldErrors = {};
  for (const issue of result.error?.issues ?? []) {
    const field = String(issue.path[0] ?? '');
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}
