import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, ruleFor } from '../../src/auth/policy.js';
import { buildOpenApiDocument } from '../../src/openapi/document.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, signInAs, testApp } from '../helpers/http.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PUBLIC = ['GET /api/health', 'GET /api/config', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/auth/logout'];
// Calendar apps cannot sign in: the feed's key is its credential, checked by the feed itself. A
// patient answering a waitlist offer, or using a link to their visit, has no account either: the
// signed token in the path is the key.
const KEYED = [
  'GET /api/doctors/{id}/calendar.ics',
  'GET /api/offers/{token}',
  'POST /api/offers/{token}/accept',
  'POST /api/offers/{token}/decline',
  'GET /api/visit/{token}',
  'POST /api/visit/{token}/confirm',
  'POST /api/visit/{token}/cancel',
];
const SOME_ID = '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';

/** Every documented /api operation, with a well-formed id in place of each path parameter. */
const operations = Object.entries(buildOpenApiDocument().paths ?? {})
  .filter(([path]) => path.startsWith('/api/'))
  .flatMap(([path, item]) => METHODS.filter((method) => item[method]).map((method) => ({ method, path })));
const concrete = (path: string) => path.replace(/\{\w+\}/g, SOME_ID);
const closed = operations.filter(({ method, path }) => ![...PUBLIC, ...KEYED].includes(`${method.toUpperCase()} ${path}`));

let opened: OpenedStore;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  opened = await openPgliteStore();
  app = testApp(opened.store);
  api = apiClient(app);
});
afterAll(() => opened?.cleanup());

describe('the policy table', () => {
  it('has a rule for every documented /api operation, and only the public ones are open', () => {
    expect(operations.length).toBeGreaterThan(35);
    const missing = operations.filter(({ method, path }) => !ruleFor(method.toUpperCase(), path.replace(/\{(\w+)\}/g, ':$1')));
    expect(missing).toEqual([]);
    const open = Object.entries(POLICY)
      .filter(([, rule]) => rule === 'public')
      .map(([route]) => route);
    const keyed = KEYED.map((route) => route.replace(/\{(\w+)\}/g, ':$1'));
    expect(open.sort()).toEqual([...PUBLIC, ...keyed, 'GET /api/docs', 'GET /api/docs/*'].sort());
  });

  it('matches literal segments before parameters and ignores case, as Express routes do', () => {
    expect(ruleFor('GET', '/api/patients/search')).toEqual(['admin', 'staff']);
    expect(ruleFor('GET', '/API/Accounts')).toEqual(['admin']);
    expect(ruleFor('GET', '/api/accounts/')).toEqual(['admin']);
    expect(ruleFor('GET', '/api/unknown')).toBeUndefined();
  });
});

describe('every /api route without credentials', () => {
  it.each(closed.map(({ method, path }) => [method.toUpperCase(), path]))('%s %s answers 401 UNAUTHENTICATED', async (method, path) => {
    const response = await request(app)[method.toLowerCase() as (typeof METHODS)[number]](concrete(path)).send({});
    expect([response.status, response.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('gives the keyed calendar feed nothing without its key: 400 without one, 404 with a wrong one', async () => {
    const feed = concrete('/api/doctors/{id}/calendar.ics');
    expect((await request(app).get(feed)).status).toBe(400);
    const wrong = await request(app).get(`${feed}?key=guess`);
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('gives a patient link nothing without a genuine token: 404 LINK_INVALID', async () => {
    for (const route of KEYED.filter((route) => route.includes('/visit/'))) {
      const [method, path] = route.split(' ') as [string, string];
      const response = await request(app)[method.toLowerCase() as 'get' | 'post'](concrete(path)).send({});
      expect([response.status, response.body.error.code]).toEqual([404, 'LINK_INVALID']);
    }
  });

  it('answers 401 for an unknown route too, so the anonymous cannot map the API', async () => {
    const response = await request(app).get('/api/secret-admin-thing');
    expect([response.status, response.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('answers 401 for a made-up bearer token and for a cookie that names no session', async () => {
    const bearer = await request(app).get('/api/patients').set('Authorization', 'Bearer clk_not-a-real-token');
    const cookie = await request(app).get('/api/patients').set('Cookie', 'clinic_session=not-a-session');
    expect([bearer.status, cookie.status]).toEqual([401, 401]);
    expect(cookie.headers['set-cookie']?.[0]).toMatch(/^clinic_session=;/);
  });

  it('leaves the public routes open', async () => {
    for (const path of ['/health', '/api/health', '/api/config', '/api/openapi.json'])
      expect((await request(app).get(path)).status).toBe(200);
    expect((await request(app).get('/api/docs/')).status).toBe(200);
  });
});

describe('the wrong role', () => {
  it('gives staff 403 FORBIDDEN on admin routes and lets them do desk work', async () => {
    const staff = await signInAs(app, opened.store, 'staff');
    for (const [method, path] of [
      ['get', '/api/accounts'],
      ['post', '/api/tokens'],
      ['post', '/api/doctors'],
      ['get', '/api/audit'],
    ] as const) {
      const response = await staff.http[method](path).send({});
      expect([path, response.status, response.body.error.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
    expect((await staff.http.get('/api/patients')).status).toBe(200);
    expect((await staff.http.post('/api/patients').send({ name: 'Desk Made', email: `desk.${Date.now()}@example.org` })).status).toBe(201);
  });

  it('gives a doctor 403 on patients, booking and cancelling', async () => {
    const doctor = await api.doctor();
    const { http } = await signInAs(app, opened.store, 'doctor', { doctorId: doctor.id });
    for (const [method, path] of [
      ['get', '/api/patients'],
      ['get', `/api/patients/${SOME_ID}`],
      ['post', '/api/appointments'],
      ['post', `/api/appointments/${SOME_ID}/cancel`],
      ['get', '/api/tokens'],
    ] as const) {
      expect([path, (await http[method](path).send({})).status]).toEqual([path, 403]);
    }
  });
});

describe('a doctor account sees only its own doctor', () => {
  it("reads its own appointments and schedule, and gets 404 for another doctor's", async () => {
    const [mine, theirs, patient] = [await api.doctor(), await api.doctor(), await api.patient()];
    const day = futureDate(5);
    const own = await api.http
      .post('/api/appointments')
      .send({ doctorId: mine.id, patientId: patient.id, start: at(day, '10:00'), reason: 'Own' });
    const other = await api.http
      .post('/api/appointments')
      .send({ doctorId: theirs.id, patientId: patient.id, start: at(day, '11:00'), reason: 'Other' });
    const { http } = await signInAs(app, opened.store, 'doctor', { doctorId: mine.id });

    const read = await http.get(`/api/appointments/${own.body.data.id}`);
    expect([read.status, read.body.data.patient, read.body.data.reason]).toEqual([200, { id: patient.id, name: patient.name }, 'Own']);
    expect(JSON.stringify(read.body)).not.toContain(patient.email);
    const foreign = await http.get(`/api/appointments/${other.body.data.id}`);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);

    const list = await http.get(`/api/appointments?date=${day}`);
    expect(list.body.data.map((item: { id: string }) => item.id)).toEqual([own.body.data.id]);
    expect((await http.get(`/api/appointments?doctorId=${theirs.id}`)).body).toMatchObject({ data: [], meta: { total: 0 } });

    expect((await http.get(`/api/doctors/${mine.id}`)).status).toBe(200);
    expect((await http.get(`/api/doctors/${theirs.id}`)).status).toBe(404);
    expect((await http.get('/api/doctors')).body.data.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    expect((await http.get(`/api/availability?doctorId=${mine.id}&date=${day}`)).status).toBe(200);
    expect((await http.get(`/api/availability?doctorId=${theirs.id}&date=${day}`)).status).toBe(404);
  });
});
