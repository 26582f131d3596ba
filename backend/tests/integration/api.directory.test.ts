import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { apiClient, testApp } from '../helpers/http.js';

let opened: OpenedStore;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  opened = await openPgliteStore();
  api = apiClient(testApp(opened.store));
});
afterAll(() => opened?.cleanup());

describe('POST /api/doctors', () => {
  it('creates a doctor with the clinic’s default slot length and returns id and _id alike', async () => {
    const response = await api.http
      .post('/api/doctors')
      .send({ name: 'Dr. Maria Alvarez', specialty: 'Cardiology', email: 'maria@clinic.example' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      success: true,
      data: { name: 'Dr. Maria Alvarez', specialty: 'Cardiology', slotMinutes: 30, schedule: null, phone: null },
    });
    expect(response.body.data._id).toBe(response.body.data.id);
    expect((await opened.store.doctors.get(response.body.data.id))?.email).toBe('maria@clinic.example');
  });

  it('rejects a missing name with 400 VALIDATION_ERROR naming the field, and writes nothing', async () => {
    const before = (await opened.store.doctors.list({ limit: 1, offset: 0 })).total;
    const response = await api.http.post('/api/doctors').send({ specialty: 'Cardiology' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'name' }] });
    expect((await opened.store.doctors.list({ limit: 1, offset: 0 })).total).toBe(before);
  });

  it('refuses fields it does not know, such as _id or createdAt', async () => {
    const response = await api.http.post('/api/doctors').send({ name: 'Dr. X', specialty: 'GP', _id: 'abc', createdAt: '2020-01-01' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['_id', 'createdAt']);
  });
});

describe('GET /api/doctors', () => {
  it('filters by specialty, searches by name, and pages with meta', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    await api.doctor({ name: `Dr. Ada ${tag}`, specialty: `Derm-${tag}` });
    await api.doctor({ name: `Dr. Bo ${tag}`, specialty: `Derm-${tag}` });
    const page = await api.http.get(`/api/doctors?specialty=derm-${tag}&limit=1&offset=1`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ success: true, data: [{ name: `Dr. Bo ${tag}` }], meta: { total: 2, limit: 1, offset: 1 } });
    const skipped = await api.http.get(`/api/doctors?specialty=derm-${tag}&limit=1&skip=1`);
    expect(skipped.body.data[0].name).toBe(`Dr. Bo ${tag}`);
    const searched = await api.http.get(`/api/doctors/search?q=ada ${tag}`);
    expect(searched.body.data.map((doctor: { name: string }) => doctor.name)).toEqual([`Dr. Ada ${tag}`]);
  });

  it('rejects a limit over 500', async () => {
    const response = await api.http.get('/api/doctors?limit=501');
    expect([response.status, response.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });
});

describe('GET and PUT /api/doctors/:id', () => {
  it('reads one doctor, 404s an unknown id and 400s a malformed one', async () => {
    const doctor = await api.doctor();
    expect((await api.http.get(`/api/doctors/${doctor.id}`)).body.data.id).toBe(doctor.id);
    const unknown = await api.http.get('/api/doctors/507f1f77bcf86cd799439011');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const malformed = await api.http.get('/api/doctors/invalid-id');
    expect([malformed.status, malformed.body.error.code, malformed.body.error.details[0].path]).toEqual([400, 'VALIDATION_ERROR', 'id']);
  });

  it('updates only the fields sent', async () => {
    const doctor = await api.doctor({ specialty: 'Pediatrics' });
    const response = await api.http
      .put(`/api/doctors/${doctor.id}`)
      .send({ slotMinutes: 20, schedule: { weekly: { mon: [{ start: '08:00', end: '12:00' }] } } });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      specialty: 'Pediatrics',
      slotMinutes: 20,
      schedule: { weekly: { mon: [{ start: '08:00', end: '12:00' }] } },
    });
    expect((await api.http.put('/api/doctors/507f1f77bcf86cd799439011').send({ slotMinutes: 20 })).status).toBe(404);
    expect((await api.http.put(`/api/doctors/${doctor.id}`).send({ slotMinutes: 2 })).status).toBe(400);
  });
});

describe('/api/patients', () => {
  it('creates a patient and refuses the same email in another case with 409 DUPLICATE', async () => {
    const created = await api.http
      .post('/api/patients')
      .send({ name: 'Ana Silva', email: 'Ana.Silva@Example.org', phone: '+44 7700 900101', dateOfBirth: '1985-04-12' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      name: 'Ana Silva',
      email: 'Ana.Silva@Example.org',
      dateOfBirth: '1985-04-12',
      _id: created.body.data.id,
    });
    const duplicate = await api.http.post('/api/patients').send({ name: 'Ana Again', email: 'ana.silva@example.org' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'email' }] });
  });

  it('rejects a bad email with 400', async () => {
    const response = await api.http.post('/api/patients').send({ name: 'No Mail', email: 'nope' });
    expect([response.status, response.body.error.details[0].path]).toEqual([400, 'email']);
  });

  it('searches by name or email on the list and on /search', async () => {
    const patient = await api.patient({ name: 'Quentin Searchable' });
    expect((await api.http.get('/api/patients?q=quentin search')).body.data.map((p: { id: string }) => p.id)).toEqual([patient.id]);
    expect(
      (await api.http.get(`/api/patients/search?q=${encodeURIComponent(patient.email.toUpperCase())}`)).body.data.map(
        (p: { id: string }) => p.id,
      ),
    ).toEqual([patient.id]);
  });

  it('reads, updates and 404s patients', async () => {
    const patient = await api.patient();
    expect((await api.http.get(`/api/patients/${patient.id}`)).body.data.email).toBe(patient.email);
    const updated = await api.http.put(`/api/patients/${patient.id}`).send({ phone: '+44 7700 900999' });
    expect([updated.status, updated.body.data.phone]).toEqual([200, '+44 7700 900999']);
    expect((await api.http.get('/api/patients/0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d')).status).toBe(404);
    expect((await api.http.put(`/api/patients/${patient.id}`).send({})).status).toBe(400);
  });

  it('lists a patient’s appointments newest first, and 404s an unknown patient', async () => {
    const patient = await api.patient();
    const empty = await api.http.get(`/api/patients/${patient.id}/appointments`);
    expect(empty.body).toMatchObject({ success: true, data: [], meta: { total: 0 } });
    expect((await api.http.get('/api/patients/507f1f77bcf86cd799439011/appointments')).status).toBe(404);
  });
});
