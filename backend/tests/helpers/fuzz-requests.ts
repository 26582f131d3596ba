import fc from 'fast-check';
import type { OpenApiDocument } from '../../src/openapi/document.js';
import { fitting, hostileText, hostileValue, spoiled, type KnownIds, type Schema } from './fuzz-values.js';

type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };

export type Operation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  body?: Schema;
};

export type FuzzRequest = { method: Operation['method']; url: string; headers: Record<string, string>; body?: string };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Described = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

/**
 * Every operation the document describes, with its parameters and JSON body schema. A stream
 * (text/event-stream) is left out: its 200 never ends, so it has tests of its own
 * (api.events.test.ts, hostile queries included).
 */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method])
      .map((method) => [method, item[method] as Described] as const)
      .filter(([, operation]) => !operation.responses?.['200']?.content?.['text/event-stream'])
      .map(([method, operation]) => ({
        method,
        path,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

/** Which status each error code answers with, read from the examples every error response lists. */
export function errorStatuses(document: OpenApiDocument): Map<string, number> {
  const statuses = new Map<string, number>();
  for (const item of Object.values(document.paths ?? {}))
    for (const method of METHODS) {
      const responses = (item[method]?.responses ?? {}) as Record<string, { content?: Record<string, { examples?: object }> }>;
      for (const [status, response] of Object.entries(responses))
        for (const code of Object.keys(response.content?.['application/json']?.examples ?? {})) statuses.set(code, Number(status));
    }
  return statuses;
}

/** Percent-encodes like encodeURIComponent, but writes a lone surrogate as its (invalid) UTF-8 bytes. */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(char);
  }
  return out;
}

// Malformed on purpose: truncated, not hex, overlong, a lone surrogate, not UTF-8 at all.
const MALFORMED_PERCENT = fc.constantFrom('%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF', '%00', 'a%2', '%F4%90%80%80');

const pathSegment = (knownIds: KnownIds) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...knownIds.id!) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileText.map(percentEncode) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...knownIds.id!, 'x', ''), MALFORMED_PERCENT).map(([id, bad]) => `${id}${bad}`) },
  );

const asQueryText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

function queryString(document: OpenApiDocument, parameters: Parameter[], knownIds: KnownIds) {
  const perParameter = parameters.map((parameter) =>
    fc
      .oneof(
        { weight: 3, arbitrary: fc.constant<string[]>([]) },
        {
          weight: 4,
          arbitrary: fitting(document, parameter.schema ?? {}, knownIds, 0, parameter.name).map((value) => [asQueryText(value)]),
        },
        { weight: 1, arbitrary: hostileValue.map((value) => [asQueryText(value)]) },
        // The same parameter twice: Express reads it as an array.
        {
          weight: 1,
          arbitrary: fc.array(fitting(document, parameter.schema ?? {}, knownIds, 0, parameter.name).map(asQueryText), {
            minLength: 2,
            maxLength: 3,
          }),
        },
      )
      .map((values) => values.map((value) => `${percentEncode(parameter.name)}=${percentEncode(value)}`)),
  );
  const extra = fc.oneof(
    MALFORMED_PERCENT.map((bad) => `${parameters[0]?.name ?? 'q'}=${bad}`),
    fc.tuple(fc.string({ maxLength: 6 }), hostileText).map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`),
    fc.constantFrom('&&', '=', 'a[b]=1', 'limit[]=1', 'offset=1e400', '__proto__=1'),
  );
  const extras = fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(extra, { minLength: 1, maxLength: 2 }) },
  );
  return fc.tuple(fc.tuple(...perParameter), extras).map(([chosen, extra]) => [...chosen.flat(), ...extra].join('&'));
}

// Header values Node's client will send: visible ASCII, space, tab and Latin-1.
const headerText = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((code) => String.fromCharCode(code)),
  maxLength: 300,
});

const hostileHeaders = fc.record(
  {
    'Content-Type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/json; charset=nope',
      'text/plain',
      'application/x-www-form-urlencoded',
    ),
    'Content-Encoding': fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'compress', 'x-nope', 'gzip, br'),
    'Idempotency-Key': fc.oneof(fc.uuid(), headerText),
    'X-Correlation-ID': headerText,
  },
  { requiredKeys: [] },
);

// Mostly what a client sends, so that bodies reach the schemas and the store; now and then not.
const headers = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record(
      { 'Content-Type': fc.constant('application/json'), 'Idempotency-Key': fc.uuid() },
      { requiredKeys: ['Content-Type'] },
    ),
  },
  { weight: 1, arbitrary: hostileHeaders },
);

const nested = fc
  .tuple(fc.integer({ min: 100, max: 5000 }), fc.boolean())
  .map(([levels, arrays]) => (arrays ? `${'['.repeat(levels)}${']'.repeat(levels)}` : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`));

function bodyText(document: OpenApiDocument, schema: Schema | undefined, knownIds: KnownIds) {
  const json = schema ? spoiled(document, schema, knownIds) : hostileValue;
  return fc.oneof(
    { weight: schema ? 8 : 1, arbitrary: json.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 40 })) },
  );
}

/** Requests for one operation: its path, query and body, all of them often hostile. */
export function requestsFor(document: OpenApiDocument, operation: Operation, knownIds: KnownIds): fc.Arbitrary<FuzzRequest> {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const segments = fc.tuple(...names.map(() => pathSegment(knownIds)));
  const query = queryString(
    document,
    operation.parameters.filter((parameter) => parameter.in === 'query'),
    knownIds,
  );
  // An operation without a body now and then gets one all the same: the parser reads it anyway.
  const body = fc.oneof(
    { weight: operation.body ? 1 : 6, arbitrary: fc.constant(undefined) },
    { weight: operation.body ? 8 : 1, arbitrary: bodyText(document, operation.body, knownIds) },
  );
  return fc.record({ segments, query, headers, body }).map(({ segments: values, query: text, headers: sent, body: payload }) => {
    const path = names.reduce((built, name, i) => built.replace(`{${name}}`, values[i]!), operation.path);
    return {
      method: operation.method,
      url: text ? `${path}?${text}` : path,
      headers: sent,
      ...(payload === undefined ? {} : { body: payload }),
    };
  });
}
