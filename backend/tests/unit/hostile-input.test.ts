import { createGunzip } from 'node:zlib';
import express from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { correlationId } from '../../src/middleware/correlation.js';
import { errorHandler } from '../../src/middleware/error-handler.js';
import { canonical } from '../../src/middleware/idempotency.js';
import { freeText, isoDate, isoDateTime, labelText, z } from '@clinic/contract/fields';

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('text kinds', () => {
  const label = labelText(z.string());
  const note = freeText(500);

  it('keeps letters of any script, emoji and the zero-width joiners names are spelled with', () => {
    for (const text of ['Zoë Ñúñez', 'می\u200cخواهم', 'क्\u200dष', '😀 Dr. 李', "O'Brien-Smith"]) expect(accepts(label, text)).toBe(true);
  });

  it('refuses controls, separators, bidi controls and other invisible formatting in a label', () => {
    for (const char of [
      '\u0000',
      '\t',
      '\n',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u2028',
      '\u2029',
      '\u202a',
      '\u202e',
      '\u2066',
      '\u2069',
      '\u200b',
      '\u200e',
      '\ufeff',
      '\u00ad',
    ])
      expect(accepts(label, `a${char}b`), JSON.stringify(char)).toBe(false);
  });

  it('lets a note keep tabs and newlines but no other control character', () => {
    expect(accepts(note, 'line one\n\tline two')).toBe(true);
    for (const char of ['\u0000', '\r', '\u001b', '\u0007', '\u009b']) expect(accepts(note, `a${char}b`), JSON.stringify(char)).toBe(false);
  });

  it('refuses a lone surrogate in either, and keeps a pair', () => {
    for (const schema of [label, note]) {
      expect(accepts(schema, 'a\ud800b')).toBe(false);
      expect(accepts(schema, 'a\udfffb')).toBe(false);
      expect(accepts(schema, 'a\ud83d\ude00b')).toBe(true);
    }
  });
});

describe('dates and instants', () => {
  it.each([
    ['1900-01-01', true],
    ['9998-12-31', true],
    ['1899-12-31', false],
    ['9999-01-01', false],
    ['0000-01-01', false],
  ])('isoDate %s: %s', (value, ok) => expect(accepts(isoDate, value)).toBe(ok));

  it.each([
    ['2027-01-01T10:00:00+14:00', true],
    ['2027-01-01T10:00:00-1400', true],
    ['2027-01-01T10:00:00-12:00', true],
    ['2027-01-01T10:00:00+14:01', false],
    ['2027-01-01T10:00:00+15:00', false],
    ['2027-01-01T10:00:00+99:00', false],
    ['2027-01-01T10:00:00+05:60', false],
    ['1990-01-01T99:99:99Z', false],
    ['9999-12-31T23:59:59Z', false],
    ['0001-01-01T00:00:00Z', false],
  ])('isoDateTime %s: %s', (value, ok) => expect(accepts(isoDateTime, value)).toBe(ok));
});

describe('decoding errors', () => {
  function appFailingWith(error: unknown) {
    const app = express();
    app.use(correlationId);
    app.get('/boom', () => {
      throw error;
    });
    app.use(errorHandler(createLogger({ level: 'silent', json: true })));
    return app;
  }

  it('maps the router’s URIError to 400 VALIDATION_ERROR', async () => {
    const error = Object.assign(new URIError("Failed to decode param '%ED%A0%80'"), { status: 400 });
    const response = await request(appFailingWith(error)).get('/boom');
    expect([response.status, response.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('maps a decompression failure passed on by the body parser to 400 INVALID_JSON', async () => {
    const zlibError = await new Promise<Error>((resolve) => createGunzip().on('error', resolve).end('not gzip'));
    const response = await request(appFailingWith(Object.assign(zlibError, { status: 400, expose: true }))).get('/boom');
    expect([response.status, response.body.error.code]).toEqual([400, 'INVALID_JSON']);
  });

  it('maps an unsupported encoding or charset to 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const type of ['encoding.unsupported', 'charset.unsupported']) {
      const response = await request(appFailingWith({ type, status: 415 })).get('/boom');
      expect([response.status, response.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
  });
});

describe('the idempotency fingerprint', () => {
  // The recursive form it had before: requests stored under a key before an upgrade must still match.
  const recursive = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(recursive).join(',')}]`;
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${recursive(item)}`).join(',')}}`;
    }
    return JSON.stringify(value ?? null);
  };

  it('writes any JSON body exactly as the recursive form did', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => canonical(value) === recursive(value)),
      { seed: 20261203, numRuns: 500 },
    );
  });

  it('writes a body nested 50,000 levels deep without running out of stack', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    expect(canonical(deep)).toHaveLength(100_000);
  });
});
