import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok } from '../test/fake-api';
import {
  ApiError,
  bookAppointment,
  cancelAppointment,
  createPatient,
  getAvailability,
  listAppointments,
  listDoctors,
  listPatients,
  onUnauthenticated,
} from './api';
import { revokeToken } from './admin-api';

afterEach(() => vi.unstubAllGlobals());

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  it('unwraps a list and its paging meta, sending only the filters that are set', async () => {
    const { calls } = fakeApi({
      'GET /api/appointments': () => ok([{ id: 'a1' }], { total: 7, limit: 1, offset: 2 }),
    });
    const page = await listAppointments({ doctorId: 'd1', date: '2030-06-03', patientId: undefined, limit: 1, offset: 2 });
    expect(page).toEqual({ items: [{ id: 'a1' }], total: 7, limit: 1, offset: 2 });
    expect(calls[0]?.url.search).toBe('?doctorId=d1&date=2030-06-03&limit=1&offset=2');
  });

  it('sends JSON bodies and returns the created resource', async () => {
    const { calls } = fakeApi({ 'POST /api/patients': () => ({ status: 201, ...ok({ id: 'p1', name: 'Ann' }) }) });
    await expect(createPatient({ name: 'Ann', email: 'ann@example.com' })).resolves.toEqual({ id: 'p1', name: 'Ann' });
    expect(calls[0]?.body).toEqual({ name: 'Ann', email: 'ann@example.com' });
    expect(calls[0]?.headers.get('Content-Type')).toBe('application/json');
  });

  it('turns an error body into an ApiError with status, code, message, correlation id and details', async () => {
    fakeApi({
      'GET /api/doctors': () => ({
        status: 400,
        body: {
          success: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: 'Invalid query',
            correlationId: 'corr-9',
            timestamp: '2030-01-01T00:00:00Z',
            details: [{ path: 'limit', message: 'Too big' }],
          },
        },
      }),
    });
    const error = await caught(listDoctors({ limit: 9999 }));
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'Invalid query',
      correlationId: 'corr-9',
      details: [{ path: 'limit', message: 'Too big' }],
    });
  });

  it('falls back to the X-Correlation-ID header when the body is not the API envelope', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response('<html>Bad gateway</html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'X-Correlation-ID': 'from-header' },
          }),
      ),
    );
    const error = await caught(getAvailability({ doctorId: 'd1', date: '2030-06-03' }));
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', correlationId: 'from-header' });
    expect(error.message).toContain('502');
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await caught(listDoctors());
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', correlationId: null });
  });

  it('sends an Idempotency-Key with every booking, and the caller’s key when given', async () => {
    const { calls } = fakeApi({ 'POST /api/appointments': () => ({ status: 201, ...ok({ id: 'a1' }) }) });
    const body = { doctorId: 'd1', patientId: 'p1', start: '2030-06-03T09:00:00.000Z' };
    await bookAppointment(body);
    await bookAppointment(body, 'fixed-key');
    expect(calls[0]?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[1]?.headers.get('Idempotency-Key')).toBe('fixed-key');
  });

  it('cancels with an optional reason and an Idempotency-Key', async () => {
    const { calls } = fakeApi({
      'POST /api/appointments/a%2F1/cancel': () => ok({ id: 'a/1', status: 'CANCELLED' }),
      'POST /api/appointments/a2/cancel': () => fail(409, 'ALREADY_CANCELLED', 'Appointment is already cancelled'),
    });
    await expect(cancelAppointment('a/1', 'Feeling better')).resolves.toMatchObject({ status: 'CANCELLED' });
    expect(calls[0]?.body).toEqual({ reason: 'Feeling better' });
    expect(calls[0]?.headers.get('Idempotency-Key')).toBeTruthy();
    const error = await caught(cancelAppointment('a2'));
    expect(error).toMatchObject({ status: 409, code: 'ALREADY_CANCELLED', correlationId: 'corr-123' });
    expect(calls[1]?.body).toEqual({});
  });

  it('sends the session cookie with every request, also to an API on another origin', async () => {
    const { fetchMock } = fakeApi({ 'GET /api/doctors': () => ok([]) });
    await listDoctors();
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('include');
  });

  it('accepts a 204 without a body', async () => {
    const { calls } = fakeApi({ 'DELETE /api/tokens/t1': () => ({ status: 204, body: null }) });
    await expect(revokeToken('t1')).resolves.toBeUndefined();
    expect(calls[0]?.method).toBe('DELETE');
  });

  it('tells its listeners when the API says UNAUTHENTICATED, and only then', async () => {
    fakeApi({
      'GET /api/doctors': () => fail(401, 'UNAUTHENTICATED', 'Sign in first'),
      'GET /api/patients': () => fail(403, 'FORBIDDEN', 'Not for your role'),
    });
    const heard = vi.fn();
    const stop = onUnauthenticated(heard);
    expect(await caught(listDoctors())).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await caught(listPatients());
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
    await caught(listDoctors());
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
