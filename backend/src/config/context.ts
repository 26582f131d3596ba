import { AsyncLocalStorage } from 'node:async_hooks';

export type Role = 'admin' | 'staff' | 'doctor';

export type Actor =
  | { kind: 'account'; id: string; label: string; role: Role; doctorId: string | null }
  | { kind: 'token'; id: string; label: string; role: Role; doctorId: null }
  | { kind: 'local'; id: 'local'; label: 'auth-off'; role: 'admin'; doctorId: null }
  | { kind: 'anonymous'; id: null; label: null; role: null; doctorId: null };

type RequestContext = { correlationId: string; actor?: Actor; clientAddress?: string | null };

const ANONYMOUS: Actor = { kind: 'anonymous', id: null, label: null, role: null, doctorId: null };

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Who is calling; anonymous outside a request and before sign-in. */
export function currentActor(): Actor {
  return storage.getStore()?.actor ?? ANONYMOUS;
}

/** The caller's address as Express computes it (forwarded only through trusted proxies). */
export function clientAddress(): string | null {
  return storage.getStore()?.clientAddress ?? null;
}
