import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { unique } from '../helpers/factories.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: patient search`, () => {
    let opened: OpenedStore;
    let store: Store;
    // One word shared by this file's patients only, so other files' rows never match.
    const tag = `zq${unique().replace(/\W/g, '').slice(-8).toLowerCase()}`;
    const ids: Record<string, string> = {};
    const names = (result: { items: Array<{ name: string }> }) => result.items.map((patient) => patient.name);
    const search = (q: string, limit = 20, offset = 0) => store.patients.list({ q, limit, offset });

    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
      const people = [
        {
          key: 'john',
          name: `John Smith ${tag}`,
          email: `john.smith.${tag}@example.org`,
          phone: '+44 20 7946 0123',
          dateOfBirth: '1980-02-29',
        },
        { key: 'johanna', name: `Johanna Kowalski-Nowak ${tag}`, email: null, phone: '(212) 555-0199', dateOfBirth: '1975-07-01' },
        { key: 'anne', name: `Anne O'Brien ${tag}`, email: `anne.${tag}@example.org`, phone: null, dateOfBirth: null },
        { key: 'mariana', name: `Mariana Lopes ${tag}`, email: `m.lopes.${tag}@example.org`, phone: null, dateOfBirth: null },
      ];
      for (const { key, ...person } of people) ids[key] = (await store.patients.create(person)).id;
    });
    afterAll(() => opened?.cleanup());

    it('finds the start of any word of the name, in any case, with hyphens read as spaces', async () => {
      expect(names(await search(`JOHN SMITH ${tag}`))).toEqual([`John Smith ${tag}`]);
      expect(names(await search(`kowalski nowak ${tag}`))).toEqual([`Johanna Kowalski-Nowak ${tag}`]);
      expect(names(await search(`nowak ${tag}`))).toEqual([`Johanna Kowalski-Nowak ${tag}`]);
      expect(names(await search(`obrien ${tag}`))).toEqual([`Anne O'Brien ${tag}`]);
    });

    it('ranks an exact match of the typed text before longer names that start with it', async () => {
      const result = await search(tag);
      expect(result.total).toBe(4);
      const john = await search(`john smith ${tag}`);
      expect(john.items[0]?.id).toBe(ids.john);
    });

    it('finds an email by its start, dots and all, and a birth date', async () => {
      expect(names(await search(`m.lopes.${tag}`))).toEqual([`Mariana Lopes ${tag}`]);
      expect((await search('1975-07-01')).items.map((patient) => patient.id)).toContain(ids.johanna);
    });

    it('finds a phone by any four or more of its digits, however they are typed', async () => {
      expect((await search('7946 0123')).items.map((patient) => patient.id)).toContain(ids.john);
      expect((await search('555-0199')).items.map((patient) => patient.id)).toContain(ids.johanna);
      expect((await search('+44 20 7946 0123')).items.map((patient) => patient.id)).toContain(ids.john);
    });

    it('falls back to every word anywhere in the name, in any order, when no name starts so', async () => {
      expect(names(await search(`riana lopes ${tag}`))).toEqual([`Mariana Lopes ${tag}`]);
      expect(names(await search(`nowak johanna ${tag}`))).toEqual([`Johanna Kowalski-Nowak ${tag}`]);
    });

    it('pages through the matches with a stable order and an exact total', async () => {
      const first = await search(tag, 2, 0);
      const second = await search(tag, 2, 2);
      expect(first.total).toBe(4);
      expect(second.total).toBe(4);
      const all = [...first.items, ...second.items].map((patient) => patient.id);
      expect(new Set(all).size).toBe(4);
    });

    it('follows an edit: the old name no longer matches, the new one does', async () => {
      const patient = await store.patients.create({ name: `Pat Before ${tag}`, email: null, phone: null, dateOfBirth: null });
      await store.patients.update(patient.id, { name: `Pat Afterwards ${tag}` });
      expect(names(await search(`pat before ${tag}`))).toEqual([]);
      expect(names(await search(`pat afterwards ${tag}`))).toEqual([`Pat Afterwards ${tag}`]);
    });

    it('answers nothing, not everything, for a text of only spaces or punctuation', async () => {
      expect(await search(' - ')).toEqual({ items: [], total: 0 });
    });

    if (engine.name !== 'mongodb') {
      it('corrects a typo in a word against the names it knows', async () => {
        expect(names(await search(`jonh smith ${tag}`))).toEqual([`John Smith ${tag}`]);
        expect(names(await search(`johana ${tag}`))).toEqual([`Johanna Kowalski-Nowak ${tag}`]);
      });
    }
  });
}
