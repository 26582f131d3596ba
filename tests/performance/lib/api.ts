/** A tiny typed client for the few endpoints the performance tools call. */

export type Interval = { start: string; end: string };
export type AppointmentRow = Interval & { id: string; status: 'BOOKED' | 'CANCELLED' };
export type ApiResult = { status: number; body: { success?: boolean; data?: unknown; error?: { code?: string; message?: string } } };

const REQUEST_TIMEOUT_MS = 15_000;

// The API requires a credential: an admin token (creating doctors is admin work), from
// `npm run token -- --name race --role admin`, or AUTH_MODE=off on a loopback server.
const authorization: Record<string, string> = process.env.API_TOKEN ? { authorization: `Bearer ${process.env.API_TOKEN}` } : {};

export async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<ApiResult> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? authorization : { ...authorization, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: ApiResult['body'] = {};
  try {
    parsed = text ? (JSON.parse(text) as ApiResult['body']) : {};
  } catch {
    parsed = { error: { message: text.slice(0, 200) } };
  }
  return { status: response.status, body: parsed };
}

async function create(baseUrl: string, path: string, body: unknown): Promise<string> {
  const result = await call(baseUrl, 'POST', path, body);
  const data = result.body.data as { id?: string } | undefined;
  if (result.status === 401)
    throw new Error(`POST ${path} answered 401: set API_TOKEN to an admin token (npm run token -- --name race --role admin)`);
  if (result.status !== 201 || !data?.id) {
    throw new Error(`POST ${path} answered ${result.status}: ${JSON.stringify(result.body.error ?? result.body)}`);
  }
  return data.id;
}

// A run tag keeps names and emails unique, so repeated runs against one database never collide.
export const runTag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const createDoctor = (baseUrl: string, tag: string) =>
  create(baseUrl, '/doctors', { name: `Dr Load ${tag}`, specialty: 'General Practice', slotMinutes: 30 });

export const createPatients = (baseUrl: string, tag: string, count: number) =>
  Promise.all(
    Array.from({ length: count }, (_, index) =>
      create(baseUrl, '/patients', { name: `Load Patient ${index}`, email: `load-${tag}-${index}@example.test` }),
    ),
  );

export async function listDoctorDay(baseUrl: string, doctorId: string, date: string): Promise<AppointmentRow[]> {
  const result = await call(baseUrl, 'GET', `/appointments?doctorId=${doctorId}&date=${date}&limit=500`);
  if (result.status !== 200 || !Array.isArray(result.body.data)) {
    throw new Error(`listing appointments answered ${result.status}: ${JSON.stringify(result.body.error ?? result.body)}`);
  }
  return result.body.data as AppointmentRow[];
}

/** Every pair of BOOKED intervals that share time; half-open, so touching ends are fine. */
export function overlappingPairs(rows: AppointmentRow[]): Array<[AppointmentRow, AppointmentRow]> {
  const booked = rows.filter((row) => row.status === 'BOOKED').sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const pairs: Array<[AppointmentRow, AppointmentRow]> = [];
  for (let i = 0; i < booked.length; i += 1) {
    for (let j = i + 1; j < booked.length && Date.parse(booked[j]!.start) < Date.parse(booked[i]!.end); j += 1) {
      pairs.push([booked[i]!, booked[j]!]);
    }
  }
  return pairs;
}
