import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { patientInput, unique } from '../helpers/factories.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: a patient's email is optional, unique where given`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    it('keeps any number of patients without an email', async () => {
      const first = await store.patients.create(patientInput({ email: null }));
      const second = await store.patients.create(patientInput({ email: null }));
      expect((await store.patients.get(first.id))?.email).toBeNull();
      expect((await store.patients.get(second.id))?.email).toBeNull();
    });

    it('still refuses a taken email, in any case, beside patients without one', async () => {
      const email = `Kid.${unique()}@Example.org`;
      await store.patients.create(patientInput({ email: null }));
      await store.patients.create(patientInput({ email }));
      await expect(store.patients.create(patientInput({ email: email.toLowerCase() }))).rejects.toMatchObject({ code: 'DUPLICATE' });
    });

    it('removes an email with null, which frees it for another patient', async () => {
      const email = `moved.${unique()}@example.org`;
      const first = await store.patients.create(patientInput({ email }));
      expect((await store.patients.update(first.id, { email: null }))?.email).toBeNull();
      const second = await store.patients.create(patientInput({ email }));
      expect(second.email).toBe(email);
    });

    it('finds a patient without an email by name', async () => {
      const name = `Child ${unique()}`;
      const created = await store.patients.create(patientInput({ name, email: null }));
      expect((await store.patients.list({ q: name, limit: 10, offset: 0 })).items.map((p) => p.id)).toEqual([created.id]);
    });
  });
}
