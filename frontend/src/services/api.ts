import type { Appointment, AppointmentStatus, Availability, NewAppointment, NewTime } from '@clinic/contract/appointments';
import type { ClinicConfig } from '@clinic/contract/clinic';
import type { Doctor, DoctorChanges, NewDoctor } from '@clinic/contract/doctors';
import type { ErrorDetail } from '@clinic/contract/envelope';
import type { NewPatient, Patient, PatientChanges } from '@clinic/contract/patients';
import type { CreatedTimeOff, NewTimeOffBody, TimeOffBody } from '@clinic/contract/time-off';

// The API's own shapes come from the schemas the server validates and answers with.
export type { Appointment, AppointmentStatus, Availability, NewAppointment, NewTime, Slot } from '@clinic/contract/appointments';
export type { ClinicConfig, DemoAccount, Role } from '@clinic/contract/clinic';
export type { Doctor, DoctorChanges, NewDoctor } from '@clinic/contract/doctors';
export type { ErrorDetail } from '@clinic/contract/envelope';
export type { NewPatient, Patient, PatientChanges } from '@clinic/contract/patients';
export type { CreatedTimeOff, NewTimeOffBody, TimeOffBody as TimeOff } from '@clinic/contract/time-off';

export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
export type Paging = { limit?: number; offset?: number };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly correlationId: string | null;
  readonly details: ErrorDetail[];

  constructor(init: { status: number; code: string; message: string; correlationId: string | null; details?: ErrorDetail[] }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.correlationId = init.correlationId;
    this.details = init.details ?? [];
  }
}

const API_BASE = (import.meta.env.VITE_API_URL ?? '/api').replace(/\/+$/, '');

export type Query = Record<string, string | number | undefined>;
export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  idempotencyKey?: string;
};
export type Envelope<T> = { data: T; meta?: { total: number; limit: number; offset: number } };

function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the API says the session is gone, so the app can ask the user to sign in again. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<Envelope<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      // The session lives in an HttpOnly cookie; send it also when the API is on another origin.
      credentials: 'include',
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'Could not reach the server. Check the connection and try again.',
      correlationId: null,
    });
  }

  if (response.status === 204) return { data: undefined as T };
  const headerId = response.headers.get('X-Correlation-ID');
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok && isObject(payload) && payload.success === true) {
    return payload as unknown as Envelope<T>;
  }
  const error = isObject(payload) && isObject(payload.error) ? payload.error : {};
  if (response.status === 401 && error.code === 'UNAUTHENTICATED') {
    for (const listener of unauthenticatedListeners) listener();
  }
  throw new ApiError({
    status: response.status,
    code: typeof error.code === 'string' ? error.code : `HTTP_${response.status}`,
    message: typeof error.message === 'string' ? error.message : `The server answered ${response.status} ${response.statusText}`.trim(),
    correlationId: typeof error.correlationId === 'string' ? error.correlationId : headerId,
    details: Array.isArray(error.details) ? (error.details as ErrorDetail[]) : [],
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export async function list<T>(path: string, query: Query): Promise<Page<T>> {
  const { data, meta } = await request<T[]>(path, { query });
  return {
    items: data,
    total: meta?.total ?? data.length,
    limit: meta?.limit ?? data.length,
    offset: meta?.offset ?? 0,
  };
}

// crypto.randomUUID only exists in secure contexts; staff may open the app over plain http
// on the clinic network, where getRandomValues still works.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function getConfig(): Promise<ClinicConfig> {
  return (await request<ClinicConfig>('/config')).data;
}

export function listDoctors(params: Paging & { q?: string; specialty?: string } = {}) {
  return list<Doctor>('/doctors', params);
}

export async function createDoctor(input: NewDoctor): Promise<Doctor> {
  return (await request<Doctor>('/doctors', { method: 'POST', body: input })).data;
}

/** The doctor's time off that ends after `from` (and starts before `to`, when given), in start order. */
export async function listTimeOff(doctorId: string, from: string, to?: string): Promise<TimeOffBody[]> {
  return (await request<TimeOffBody[]>(`/doctors/${encodeURIComponent(doctorId)}/time-off`, { query: { from, to } })).data;
}

/** Times without an offset are clinic wall time, as the API reads them. */
export async function addTimeOff(doctorId: string, input: NewTimeOffBody): Promise<CreatedTimeOff> {
  return (await request<CreatedTimeOff>(`/doctors/${encodeURIComponent(doctorId)}/time-off`, { method: 'POST', body: input })).data;
}

export async function removeTimeOff(id: string): Promise<void> {
  await request<never>(`/time-off/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export type Weekly = Partial<
  Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<{ start: string; end: string; siteId?: string }>>
>;
export type RotaOnDate = { effectiveFrom: string | null; weekly: Weekly };

export async function getRota(doctorId: string, date: string): Promise<RotaOnDate> {
  return (await request<RotaOnDate>(`/doctors/${encodeURIComponent(doctorId)}/schedule`, { query: { date } })).data;
}

/** Sets the weekly rota from `effectiveFrom` on; the answer lists the appointments its hours no longer hold. */
export async function setRota(doctorId: string, input: { effectiveFrom: string; weekly: Weekly }) {
  type Answer = { effectiveFrom: string; weekly: Weekly; outsideHours: Appointment[] };
  return (await request<Answer>(`/doctors/${encodeURIComponent(doctorId)}/schedule`, { method: 'PUT', body: input })).data;
}

/** A new calendar key for the doctor: the old feed URL stops working at once. */
export async function rotateCalendarKey(doctorId: string): Promise<{ calendarUrl: string }> {
  return (await request<{ calendarUrl: string }>(`/doctors/${encodeURIComponent(doctorId)}/calendar-key`, { method: 'POST', body: {} }))
    .data;
}

export async function getDoctor(id: string): Promise<Doctor> {
  return (await request<Doctor>(`/doctors/${encodeURIComponent(id)}`)).data;
}

export async function updateDoctor(id: string, changes: DoctorChanges): Promise<Doctor> {
  return (await request<Doctor>(`/doctors/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes })).data;
}

export function listPatients(params: Paging & { q?: string } = {}) {
  return list<Patient>('/patients', params);
}

export async function createPatient(input: NewPatient): Promise<Patient> {
  return (await request<Patient>('/patients', { method: 'POST', body: input })).data;
}

export async function getPatient(id: string): Promise<Patient> {
  return (await request<Patient>(`/patients/${encodeURIComponent(id)}`)).data;
}

export async function updatePatient(id: string, changes: PatientChanges): Promise<Patient> {
  return (await request<Patient>(`/patients/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes })).data;
}

/** A patient's appointments, newest first. */
export function listPatientAppointments(id: string, paging: Paging = {}) {
  return list<Appointment>(`/patients/${encodeURIComponent(id)}/appointments`, paging);
}

export type AppointmentFilters = Paging & {
  doctorId?: string;
  patientId?: string;
  date?: string;
  status?: AppointmentStatus;
  from?: string;
  to?: string;
};

export function listAppointments(filters: AppointmentFilters = {}) {
  return list<Appointment>('/appointments', filters);
}

export async function bookAppointment(input: NewAppointment, idempotencyKey: string = newIdempotencyKey()): Promise<Appointment> {
  const options: RequestOptions = { method: 'POST', body: input, idempotencyKey };
  return (await request<Appointment>('/appointments', options)).data;
}

export async function cancelAppointment(id: string, reason?: string, idempotencyKey: string = newIdempotencyKey()): Promise<Appointment> {
  const path = `/appointments/${encodeURIComponent(id)}/cancel`;
  const body = reason ? { reason } : {};
  return (await request<Appointment>(path, { method: 'POST', body, idempotencyKey })).data;
}

/** What GET /api/events sends for each change: its kind and the appointment as it is now. */
export type LiveChange = {
  type:
    | 'appointment.booked'
    | 'appointment.cancelled'
    | 'appointment.rescheduled'
    | 'appointment.checked_in'
    | 'appointment.completed'
    | 'appointment.no_show';
  appointment: Appointment;
};

/**
 * One EventSource on the live stream; the browser reconnects by itself and resumes after the last
 * event it saw (Last-Event-ID). `onReset` means changes were missed: read everything again.
 */
export function openLiveStream(handlers: { onChange: (change: LiveChange) => void; onReset: () => void }): () => void {
  // Without EventSource (a test DOM, a very old browser) the pages still work, refreshed by their own reads.
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(buildUrl('/events'), { withCredentials: true });
  source.addEventListener('appointment', (event) => handlers.onChange(JSON.parse((event as MessageEvent<string>).data) as LiveChange));
  source.addEventListener('reset', handlers.onReset);
  return () => source.close();
}

/** The front desk's steps: the patient arrived, was seen, or never came. */
export type FrontDeskStep = 'check-in' | 'complete' | 'no-show';

export async function advanceAppointment(
  id: string,
  step: FrontDeskStep,
  idempotencyKey: string = newIdempotencyKey(),
): Promise<Appointment> {
  const path = `/appointments/${encodeURIComponent(id)}/${step}`;
  return (await request<Appointment>(path, { method: 'POST', body: {}, idempotencyKey })).data;
}

export async function rescheduleAppointment(
  id: string,
  input: NewTime,
  idempotencyKey: string = newIdempotencyKey(),
): Promise<Appointment> {
  const path = `/appointments/${encodeURIComponent(id)}/reschedule`;
  return (await request<Appointment>(path, { method: 'POST', body: input, idempotencyKey })).data;
}

export async function getAvailability(params: {
  doctorId: string;
  date: string;
  duration?: number;
  patientId?: string;
  visitTypeId?: string;
}): Promise<Availability> {
  return (await request<Availability>('/availability', { query: params })).data;
}
