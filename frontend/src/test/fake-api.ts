import { vi } from 'vitest';

export type FakeRequest = { method: string; path: string; url: URL; headers: Headers; body: unknown };
type Reply = { status?: number; body: unknown; headers?: Record<string, string> };
export type Route = (request: FakeRequest) => Reply | Promise<Reply>;

export function ok(data: unknown, meta?: unknown): Reply {
  return { body: { success: true, data, ...(meta ? { meta } : {}) } };
}

export function noContent(): Reply {
  return { status: 204, body: null };
}

export function fail(status: number, code: string, message: string, correlationId = 'corr-123'): Reply {
  return {
    status,
    body: {
      success: false,
      error: { code, message, correlationId, timestamp: '2030-06-01T00:00:00.000Z' },
    },
  };
}

/** Replaces fetch with a router keyed by "METHOD /path"; every call is recorded. */
export function fakeApi(routes: Record<string, Route>) {
  const calls: FakeRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://clinic.test');
    const method = init.method ?? 'GET';
    const request: FakeRequest = {
      method,
      path: url.pathname,
      url,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(request);
    const route = routes[`${method} ${url.pathname}`];
    if (!route) throw new Error(`No fake route for ${method} ${url.pathname}`);
    const reply = await route(request);
    // A 204 may carry no body at all; Response refuses one.
    return new Response(reply.status === 204 ? null : JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'Content-Type': 'application/json', 'X-Correlation-ID': 'header-corr', ...reply.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
