import { inject } from 'vitest';

type Envelope<T> = { success: boolean; data: T; error?: { code: string; message: string } };

/**
 * Calls the API directly, behind the page's back, the way a second receptionist would; with the
 * suite's admin token unless another is given.
 */
export async function callApi<T>(
  baseURL: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  token: string = inject('apiToken'),
): Promise<{ status: number; body: Envelope<T> }> {
  const response = await fetch(`${baseURL}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // A 204 (a revoke, say) has no body to parse.
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Envelope<T> };
}

/** A calendar date in the clinic's zone, `days` after today (or after the day of `from`). */
export function clinicDate(days: number, timeZone = 'Europe/London', from: Date = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(from);
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function clinicTime(iso: string, timeZone = 'Europe/London'): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
