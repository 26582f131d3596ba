import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/config/logger.js';
import { buildOpenApiDocument } from '../../src/openapi/document.js';
import { caselessPattern } from '../../src/openapi/responses.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { silentConfig } from '../helpers/factories.js';

type Layer = {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

const join = (prefix: string, path: string) => `${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/** Every `METHOD /path` the Express app answers, found by walking its router stack. */
function mountedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          // A RegExp route has no OpenAPI spelling; listing it as such makes the test fail loudly.
          const spelled = typeof path === 'string' ? join(prefix, path).replace(/:(\w+)/g, '{$1}') : `regexp:${String(path)}`;
          for (const method of Object.keys(layer.route.methods).filter((name) => name !== '_all')) {
            found.push(`${method.toUpperCase()} ${spelled}`);
          }
        }
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, typeof layer.rawPath === 'string' ? join(prefix, layer.rawPath) : prefix);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found.sort();
}

function documentedRoutes(document: ReturnType<typeof buildOpenApiDocument>): string[] {
  return Object.entries(document.paths ?? {})
    .flatMap(([path, item]) => METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

/** Every `$ref` in the document, with where it was found. */
function refsIn(node: unknown, at = '#'): Array<{ ref: string; at: string }> {
  if (Array.isArray(node)) return node.flatMap((item, i) => refsIn(item, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [{ ref: value, at }] : refsIn(value, `${at}/${key}`),
  );
}

function resolve(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), document);
}

function patternsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(patternsIn);
  if (!node || typeof node !== 'object') return [];
  const own = typeof (node as { pattern?: unknown }).pattern === 'string' ? [(node as { pattern: string }).pattern] : [];
  return [...own, ...Object.values(node).flatMap(patternsIn)];
}

let opened: OpenedStore;
let app: Express;
const document = buildOpenApiDocument();

beforeAll(async () => {
  opened = await openPgliteStore();
  app = createApp({ store: opened.store, config: silentConfig, logger: createLogger({ level: 'silent', json: true }) });
});

afterAll(async () => {
  await opened?.cleanup();
});

describe('the OpenAPI document and the mounted routes', () => {
  it('describes every route the app mounts, and no route the app does not mount', () => {
    const mounted = mountedRoutes(app);
    const documented = documentedRoutes(document);
    expect(mounted.length).toBeGreaterThan(20);
    expect({ undocumented: mounted.filter((route) => !documented.includes(route)) }).toEqual({ undocumented: [] });
    expect({ notMounted: documented.filter((route) => !mounted.includes(route)) }).toEqual({ notMounted: [] });
  });

  it('is served at GET /api/openapi.json exactly as generated', async () => {
    const response = await request(app).get('/api/openapi.json').expect(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('serves Swagger UI at /api/docs/ with a policy that lets its inline styles and data: icons load', async () => {
    await request(app).get('/api/docs').expect(301).expect('Location', 'docs/');
    const page = await request(app).get('/api/docs/').expect(200);
    expect(page.text).toContain('swagger-ui-init.js');
    expect(page.headers['content-security-policy']).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(page.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    await request(app)
      .get('/api/docs/swagger-ui-init.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    // The rest of the API keeps helmet's stricter script and style policy.
    const api = await request(app).get('/api/config').expect(200);
    expect(api.headers['content-security-policy']).toMatch(/style-src 'self' https: 'unsafe-inline'|default-src 'self'/);
    expect(api.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('the OpenAPI document is structurally sound', () => {
  it('is OpenAPI 3.1 with info and at least one success response per operation', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBeTruthy();
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of METHODS.filter((name) => item[name])) {
        const statuses = Object.keys(item[method]!.responses ?? {});
        expect(
          statuses.some((status) => /^2\d\d$/.test(status)),
          `${method} ${path} has no 2xx response`,
        ).toBe(true);
      }
    }
  });

  it('resolves every $ref to a component that exists', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(10);
    const dangling = refs.filter(({ ref }) => resolve(document, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it('declares every {param} of a path template as a required path parameter, and no other', () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      for (const method of METHODS.filter((name) => item[name])) {
        const parameters = (item[method]!.parameters ?? []) as Array<{ in: string; name: string; required?: boolean }>;
        const declared = parameters.filter((parameter) => parameter.in === 'path');
        expect(declared.map((parameter) => parameter.name).sort(), `${method} ${path}`).toEqual(inTemplate);
        expect(declared.every((parameter) => parameter.required)).toBe(true);
      }
    }
  });

  it('uses only patterns that compile as ECMA-262 regular expressions, with no stray /flags', () => {
    const patterns = patternsIn(document);
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\/[a-z]+$/);
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
    }
  });

  it('documents the error codes, the Idempotency-Key header and the original API aliases', () => {
    const book = document.paths!['/api/appointments']!.post!;
    const headers = (book.parameters as Array<{ name: string; in: string }>).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headers).toEqual(expect.arrayContaining(['Idempotency-Key', 'X-Correlation-ID']));
    expect(Object.keys(book.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '404', '409', '422', '500', '503']));
    const listDoctors = (document.paths!['/api/doctors']!.get!.parameters as Array<{ name: string }>).map((p) => p.name);
    expect(listDoctors).toEqual(expect.arrayContaining(['limit', 'offset', 'skip', 'q', 'specialty']));
    const availability = (document.paths!['/api/availability']!.get!.parameters as Array<{ name: string }>).map((p) => p.name);
    expect(availability).toEqual(expect.arrayContaining(['doctorId', 'date', 'duration', 'slotMinutes']));
    const codes = (document.components!.schemas!.Error as { properties: { error: { properties: { code: { enum: string[] } } } } })
      .properties.error.properties.code.enum;
    expect(codes).toContain('SLOT_HELD');
    expect(codes).toHaveLength(28);
    expect(codes).toContain('INVALID_TRANSITION');
    expect(codes).toEqual(expect.arrayContaining(['LINK_INVALID', 'CANCEL_TOO_LATE']));
    expect(codes).toContain('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('caselessPattern', () => {
  it('spells /i out: letters outside a class and letter ranges inside one match both cases', () => {
    const pattern = new RegExp(`^${caselessPattern('[0-9a-f]{2}T\\d')}$`);
    expect(['ab T1', 'aBT1', 'abt1', 'AbT1'].map((text) => pattern.test(text))).toEqual([false, true, true, true]);
  });
});
