import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { OpenApiDocument } from '../../src/openapi/document.js';

/** The little of JSON Schema the generated document uses. */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  example?: unknown;
};

/** Ids that exist, by the field or path that names them (`doctorId`, `patientId`, `id` for any). */
export type KnownIds = Record<string, string[]>;

const idsFor = (knownIds: KnownIds, name: string | undefined) => knownIds[name ?? 'id'] ?? knownIds.id!;

const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const INVISIBLE = fc.constantFrom('\u202a', '\u202e', '\u2066', '\u2069', '\u200b', '\u2028', '\ufeff', '\u009b', '\u001b[31m');

/** Text with a bad character or two mixed in: controls, lone surrogates, bidi and other invisibles. */
export const hostileText = fc
  .array(fc.oneof(fc.string({ maxLength: 8 }), CONTROL, LONE_SURROGATE, INVISIBLE, fc.string({ unit: 'grapheme', maxLength: 4 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

const TRICKY_TEXT = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  'x'.repeat(600),
  '1e400',
  '-1',
  'NaN',
  'null',
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '1990-01-01T99:99:99Z',
  '2027-01-01T10:00:00+99:00',
  '9999-12-31T23:59:59-12:00',
  '%00',
);

const HUGE_NUMBER = fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 1e20, 0.5, -0, 4.9e-324);

/** A value of any JSON type, often not the one the field wants. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  TRICKY_TEXT,
  HUGE_NUMBER,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return resolve(document, (document.components?.schemas?.[name] ?? {}) as Schema);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f-]{24,36}$/;

/** Instants from the past to past the booking horizon, in clinic hours more often than not. */
const instant = fc
  .record({
    days: fc.integer({ min: -3, max: 800 }),
    hour: fc.oneof(fc.integer({ min: 9, max: 16 }), fc.integer({ min: 0, max: 23 })),
    minute: fc.constantFrom(0, 15, 30, 45, 7),
    zone: fc.constantFrom('Z', 'Z', '+01:00', '-05:00', '+14:00', '-12:00', ''),
  })
  .map(({ days, hour, minute, zone }) => {
    const local = DateTime.utc().startOf('day').plus({ days }).set({ hour, minute });
    return `${local.toISO({ includeOffset: false, suppressMilliseconds: true })}${zone}`;
  });

const date = fc.integer({ min: -45_000, max: 800 }).map((days) => DateTime.utc().plus({ days }).toISODate()!);

/** A string the field would plausibly accept: shaped like its example or pattern, or a known id. */
function fittingString(schema: Schema, knownIds: KnownIds, name?: string): fc.Arbitrary<string> {
  const example = typeof schema.example === 'string' ? schema.example : undefined;
  const choices: fc.WeightedArbitrary<string>[] = [];
  if (example && ISO_DATE_TIME.test(example)) choices.push({ weight: 4, arbitrary: instant });
  else if (example && ISO_DATE.test(example)) choices.push({ weight: 4, arbitrary: date });
  else if (example && ID.test(example))
    choices.push({ weight: 4, arbitrary: fc.constantFrom(...idsFor(knownIds, name)) }, { weight: 1, arbitrary: fc.uuid() });
  else if (example && example.includes('@')) choices.push({ weight: 4, arbitrary: fc.uuid().map((id) => `fuzz.${id}@example.org`) });
  else if (example) choices.push({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map((text) => `${example} ${text}`) });
  if (schema.pattern) choices.push({ weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) });
  if (choices.length === 0)
    choices.push({
      weight: 1,
      arbitrary: fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }),
    });
  return fc.oneof(...choices);
}

/** A value the schema would accept, or come close to: the path to the deeper code. */
export function fitting(document: OpenApiDocument, raw: Schema, knownIds: KnownIds, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((variant) => fitting(document, variant, knownIds, depth + 1, name)));
  if (schema.allOf)
    return fc
      .tuple(...schema.allOf.map((part) => fitting(document, part, knownIds, depth + 1)))
      .map((parts) => Object.assign({}, ...parts.filter((part) => part && typeof part === 'object')));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.type))
    return fc.oneof(
      ...schema.type.map((type) => ({
        weight: type === 'null' ? 1 : 4,
        arbitrary: fitting(document, { ...schema, type }, knownIds, depth + 1, name),
      })),
    );
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'string':
      return fittingString(schema, knownIds, name);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(fitting(document, schema.items ?? {}, knownIds, depth + 1), { maxLength: 3 });
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      if (depth > 4 || properties.length === 0) return fc.constant({});
      // An optional field is sent one time in three: each one sent is one more chance to be refused.
      const absent = fc.constant(undefined);
      const fields = properties.map(([key, property]) => {
        const value = fitting(document, property, knownIds, depth + 1, key);
        return [key, schema.required?.includes(key) ? value : fc.oneof({ weight: 2, arbitrary: absent }, value)] as const;
      });
      return fc
        .record(Object.fromEntries(fields))
        .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** The fitting value with one field spoiled, one unknown field added, or something else entirely. */
export function spoiled(document: OpenApiDocument, schema: Schema, knownIds: KnownIds): fc.Arbitrary<unknown> {
  const good = fitting(document, schema, knownIds);
  const names = Object.keys(resolve(document, schema).properties ?? {});
  const withField = (value: unknown, name: string, bad: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? { ...value, [name]: bad } : value;
  return fc.oneof(
    { weight: 5, arbitrary: good },
    ...(names.length
      ? [
          {
            weight: 4,
            arbitrary: fc.tuple(good, fc.constantFrom(...names), hostileValue).map(([value, name, bad]) => withField(value, name, bad)),
          },
        ]
      : []),
    {
      weight: 1,
      arbitrary: fc
        .tuple(good, fc.constantFrom('status', '_id', '__proto__', 'constructor', 'x'), hostileValue)
        .map(([value, name, bad]) => withField(value, name, bad)),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}
