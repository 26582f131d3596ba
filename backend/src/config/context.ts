import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../store/access.js';

export type { Role };

/** Who is calling: set once per request by the authenticate middleware. */
export type Actor =
  | { kind: 'account'; id: string; label: string; role: Role; doctorId: string | null }
  | { kind: 'token'; id: string; label: string; role: Role; doctorId: null }
  | { kind: 'local'; id: 'local'; label: 'auth-off'; role: 'admin'; doctorId: null }
  | { kind: 'anonymous'; id: null; label: null; role: null; doctorId: null }
  /** A patient holding a signed link: id is the appointment it names, label the link's purpose. */
  | { kind: 'patient-link'; id: string; label: string; role: null; doctorId: null };

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous', id: null, label: null, role: null, doctorId: null });

type RequestContext = { correlationId: string; actor?: Actor; clientAddress?: string | null };

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** The caller of the request being served; anonymous outside a request or before sign-in. */
export function currentActor(): Actor {
  return storage.getStore()?.actor ?? ANONYMOUS;
}

/** req.ip as Express computes it, trusting forwarded addresses only from TRUSTED_PROXIES. */
export function clientAddress(): string | null {
  return storage.getStore()?.clientAddress ?? null;
}

/** Records the caller in the request's context; the store object is the request's own, so this is per request. */
export function setRequestCaller(actor: Actor, address: string | null): void {
  const context = storage.getStore();
  if (!context) return;
  context.actor = actor;
  context.clientAddress = address;
}
