import { ApiError } from '../services/api';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Maps a validation error's per-field details onto form fields, so each message sits next to
 * its field. Other errors (a duplicate email, say) stay whole and are shown as one alert.
 */
export function fieldErrorsFrom(error: unknown, fields: readonly string[]): FieldErrors {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_ERROR') return {};
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

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
