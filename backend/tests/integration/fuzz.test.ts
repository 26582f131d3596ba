import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/openapi/document.js';
import type { PatientLinks } from '../../src/services/patient-links.js';
import type { SqlDatabase } from '../../src/store/sql/db.js';
import { at, futureDate } from '../helpers/factories.js';
import { errorStatuses, operationsOf, requestsFor, type FuzzRequest } from '../helpers/fuzz-requests.js';
import type { KnownIds } from '../helpers/fuzz-values.js';
import {
  alarming,
  capturingLogger,
  digestsExcept,
  isErrorShape,
  openPgliteWithSql,
  tableDigests,
  type LogEntry,
} from '../helpers/hostile.js';
import { apiClient, testApp } from '../helpers/http.js';

// A fixed seed keeps CI repeatable; FUZZ_SEED replays a failure fast-check reported, or explores anew.
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const TOTAL_CASES = Number(process.env.FUZZ_CASES ?? 3000);

const document = buildOpenApiDocument();
const operations = operationsOf(document);
const statusOf = errorStatuses(document);
const runsPerOperation = Math.ceil(TOTAL_CASES / operations.length);

let cleanup: () => Promise<void>;
let db: SqlDatabase;
let logs: LogEntry[];
let api: ReturnType<typeof apiClient>;
const knownIds: KnownIds = {};
// The data as the last write left it: reads change nothing, so only writes need a fresh look.
let current: Record<string, string>;

beforeAll(async () => {
  const opened = await openPgliteWithSql();
  ({ db, cleanup } = opened);
  const { logger, entries } = capturingLogger();
  logs = entries;
  const app = testApp(opened.store, { logger });
  api = apiClient(app);
  // The link key is made when the first patient link is signed, which a read (GET
  // /api/appointments/:id/patient-links) may be; made here, reads stay reads.
  await (app.locals.links as PatientLinks).sign({ purpose: 'view', id: 'none', expiresAt: new Date() });
  const [doctor, patient] = [await api.doctor(), await api.patient()];
  const booked = await api.http
    .post('/api/appointments')
    .send({ doctorId: doctor.id, patientId: patient.id, start: at(futureDate(3), '10:00') });
  current = await tableDigests(db);
  Object.assign(knownIds, { doctorId: [doctor.id], patientId: [patient.id], id: [doctor.id, patient.id, booked.body.data.id] });
});
afterAll(() => cleanup?.());

function send(request: FuzzRequest) {
  let pending = api.http[request.method](request.url);
  for (const [name, value] of Object.entries(request.headers)) pending = pending.set(name, value);
  return request.body === undefined ? pending : pending.send(request.body);
}

/** One request: never a 5xx, every 4xx in the error shape, and a refused write changes no row. */
async function check(request: FuzzRequest) {
  const write = request.method !== 'get';
  // A refusal sent with an Idempotency-Key is kept under that key, so that a retry gets it again.
  const except = request.headers['Idempotency-Key'] === undefined ? [] : ['idempotency_keys'];
  logs.length = 0;
  const response = await send(request);
  const before = current;
  if (write) current = await tableDigests(db);
  expect(
    response.status,
    `${request.method.toUpperCase()} ${request.url} answered ${response.status}: ${response.text.slice(0, 300)}`,
  ).toBeLessThan(500);
  expect(alarming(logs)).toEqual([]);
  if (response.status < 400) return;
  // A replay carries the first response's body, correlation id included.
  const replayed = response.headers['idempotent-replayed'] === 'true';
  const correlationId = replayed ? response.body?.error?.correlationId : response.headers['x-correlation-id'];
  expect(isErrorShape(response.body, correlationId), `not the error shape: ${response.text.slice(0, 300)}`).toBe(true);
  expect(statusOf.get(response.body.error.code), `${response.body.error.code} is documented with another status`).toBe(response.status);
  if (write)
    expect(digestsExcept(current, except), `a refused ${request.method.toUpperCase()} ${request.url} changed the data`).toEqual(
      digestsExcept(before, except),
    );
}

describe(`every operation in the OpenAPI document, fuzzed (seed ${SEED}, ${runsPerOperation} requests each)`, () => {
  it('finds the operations to fuzz in the document', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.filter((operation) => operation.method !== 'get').length).toBeGreaterThan(5);
  });

  it.each(operations.map((operation) => [`${operation.method.toUpperCase()} ${operation.path}`, operation] as const))(
    '%s: no 5xx, the error shape on every 4xx, nothing written by a refusal',
    async (_name, operation) => {
      await fc.assert(fc.asyncProperty(requestsFor(document, operation, knownIds), check), { seed: SEED, numRuns: runsPerOperation });
    },
    120_000,
  );
});
