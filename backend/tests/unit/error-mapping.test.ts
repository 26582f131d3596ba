import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { AppError, ERROR_CODES, NotFoundError, ValidationError, type ErrorCode } from '../../src/errors.js';
import { correlationId } from '../../src/middleware/correlation.js';
import { errorHandler, notFoundRoute } from '../../src/middleware/error-handler.js';
import { ERRORS } from '../../src/openapi/responses.js';
import { sqlCall, translateSqlError } from '../../src/store/sql/errors.js';

function appThrowing(error: unknown) {
  const app = express();
  app.use(correlationId);
  app.get('/boom', () => {
    throw error;
  });
  app.use(notFoundRoute);
  app.use(errorHandler(createLogger({ level: 'silent', json: true })));
  return app;
}

describe('error handler', () => {
  it('shapes an AppError with its code, status, details and correlation id', async () => {
    const response = await request(appThrowing(new ValidationError('Invalid request body', [{ path: 'start', message: 'required' }])))
      .get('/boom')
      .set('X-Correlation-ID', 'abc-123');
    expect(response.status).toBe(400);
    expect(response.headers['x-correlation-id']).toBe('abc-123');
    expect(response.body).toEqual({
      success: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Invalid request body',
        correlationId: 'abc-123',
        timestamp: expect.any(String),
        details: [{ path: 'start', message: 'required' }],
      },
    });
  });

  it('hides an unexpected error behind INTERNAL_ERROR with no stack or driver text', async () => {
    const response = await request(
      appThrowing(new Error('relation "appointments" does not exist at Parser.parse (/app/node_modules/pg)')),
    ).get('/boom');
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(response.body)).not.toMatch(/relation "|node_modules|Parser/);
  });

  it('maps the body parser’s own errors', async () => {
    expect((await request(appThrowing({ type: 'entity.parse.failed', status: 400 })).get('/boom')).body.error.code).toBe('INVALID_JSON');
    const tooLarge = await request(appThrowing({ type: 'entity.too.large', status: 413 })).get('/boom');
    expect([tooLarge.status, tooLarge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('answers an unknown route with 404 NOT_FOUND in the same shape', async () => {
    const response = await request(appThrowing(new NotFoundError('x'))).get('/nowhere');
    expect([response.status, response.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('replaces a correlation id that is not safe to echo', async () => {
    const response = await request(appThrowing(new NotFoundError('x')))
      .get('/boom')
      .set('X-Correlation-ID', 'bad id <script>');
    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the error code table', () => {
  it.each(Object.keys(ERROR_CODES) as ErrorCode[])('answers %s with its status and default message', async (code) => {
    const response = await request(appThrowing(new AppError(code))).get('/boom');
    expect(response.status).toBe(ERROR_CODES[code].status);
    expect(response.body.error).toMatchObject({ code, message: ERROR_CODES[code].message });
  });

  it('is what the OpenAPI document lists for each code', () => {
    for (const entry of Object.values(ERRORS)) {
      const row = ERROR_CODES[entry.code as ErrorCode];
      expect(entry).toEqual({ code: entry.code, status: row.status, when: row.when });
    }
  });
});

describe('SQL error translation', () => {
  it.each([
    [{ code: '23P01', constraint: 'appointments_doctor_no_overlap' }, 'BOOKING_CONFLICT', 409],
    [{ code: '23P01', constraint: 'appointments_patient_no_overlap' }, 'PATIENT_CONFLICT', 409],
    [{ code: '23505', constraint: 'patients_email_key' }, 'DUPLICATE', 409],
    [{ code: '23503', constraint: 'appointments_patient_id_fkey' }, 'NOT_FOUND', 404],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, 'SERVICE_UNAVAILABLE', 503],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'SERVICE_UNAVAILABLE', 503],
    [{ message: 'timeout exceeded when trying to connect' }, 'SERVICE_UNAVAILABLE', 503],
    [{ code: '25006', message: 'cannot execute INSERT in a read-only transaction' }, 'SERVICE_UNAVAILABLE', 503],
  ])('maps %o to %s', (raw, code, status) => {
    const translated = translateSqlError(raw);
    expect(translated).toBeInstanceOf(AppError);
    expect(translated).toMatchObject({ code, status });
  });

  it('passes an unknown driver error through as it is', () => {
    const raw = { code: '42P01', message: 'relation does not exist' };
    expect(translateSqlError(raw)).toBe(raw);
  });

  it('rethrows what a store call fails with as the API error, and returns what it succeeds with', async () => {
    await expect(sqlCall(() => Promise.reject({ code: '23505', constraint: 'patients_email_key' }))).rejects.toMatchObject({
      code: 'DUPLICATE',
      details: [{ path: 'email', message: 'already registered' }],
    });
    await expect(sqlCall(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
