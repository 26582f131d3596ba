import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, booking, futureDate, makeDoctorAndPatient } from '../helpers/factories.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: sites`, () => {
    let opened: OpenedStore;
    let store: Store;
    const day = futureDate(22);
    const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    it('has the default site from the start, and keeps it through a reset', async () => {
      const [main] = await store.sites.list();
      expect(main).toMatchObject({ name: 'Main site', address: null, timezone: null, isDefault: true });
      await store.sites.create({ name: 'Extra', address: null, timezone: 'Asia/Tokyo' });
      await store.reset();
      expect(await store.sites.list()).toEqual([expect.objectContaining({ id: main!.id, isDefault: true })]);
    });

    it('keeps the first value of a server secret, for callers racing to make it and through a reset', async () => {
      const values = await Promise.all(['a', 'b', 'c', 'd'].map((value) => store.secrets.getOrCreate('contract-secret', value)));
      expect(new Set(values).size).toBe(1);
      await store.reset();
      expect(await store.secrets.getOrCreate('contract-secret', 'e')).toBe(values[0]);
      expect(await store.secrets.get('contract-secret')).toBe(values[0]);
      expect(await store.secrets.get('no-such-secret')).toBeNull();
    });

    it('creates, reads, lists (default first, then by name) and changes sites; null for an unknown id', async () => {
      const south = await store.sites.create({ name: 'South', address: '9 Quay', timezone: 'Europe/London' });
      const east = await store.sites.create({ name: 'East', address: null, timezone: 'America/New_York' });
      expect(south).toMatchObject({ name: 'South', address: '9 Quay', timezone: 'Europe/London', isDefault: false });
      expect((await store.sites.list()).map((site) => site.name)).toEqual(['Main site', 'East', 'South']);
      expect(await store.sites.get(east.id)).toEqual(east);
      const changed = await store.sites.update(south.id, { address: null, timezone: 'Europe/Dublin' });
      expect(changed).toMatchObject({ name: 'South', address: null, timezone: 'Europe/Dublin' });
      expect(await store.sites.update(south.id, { name: 'South Quay' })).toMatchObject({ name: 'South Quay', address: null });
      expect(await store.sites.get(unknown)).toBeNull();
      expect(await store.sites.update(unknown, { name: 'X' })).toBeNull();
    });

    it('books at the default site unless told, carries the site in every view, and moves it with a reschedule', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const [main] = await store.sites.list();
      const north = await store.sites.create({ name: 'North', address: null, timezone: 'Europe/London' });
      const plain = await store.appointments.book(booking(doctor, patient, at(day, '09:00'), at(day, '09:30')));
      expect(plain.site).toEqual({ id: main!.id, name: 'Main site', timezone: null });
      const there = await store.appointments.book({
        ...booking(doctor, patient, at(day, '10:00'), at(day, '10:30')),
        site: { id: north.id, name: north.name, timezone: north.timezone },
      });
      expect(there).toMatchObject({ siteId: north.id, site: { id: north.id, name: 'North', timezone: 'Europe/London' } });
      expect((await store.appointments.get(there.id))?.site).toEqual({ id: north.id, name: 'North', timezone: 'Europe/London' });
      const moved = await store.appointments.reschedule(
        plain.id,
        new Date(at(day, '11:00')),
        new Date(at(day, '11:30')),
        undefined,
        undefined,
        { siteId: north.id },
      );
      expect(moved.site.id).toBe(north.id);
      const kept = await store.appointments.reschedule(there.id, new Date(at(day, '12:00')), new Date(at(day, '12:30')));
      expect(kept.site.id).toBe(north.id);
      const listed = await store.appointments.list({ doctorId: doctor.id, limit: 10, offset: 0 });
      expect(listed.items.map((a) => a.site.name)).toEqual(['North', 'North']);
    });
  });
}
