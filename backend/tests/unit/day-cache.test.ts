import { describe, expect, it } from 'vitest';
import { dayCache, type DayCacheOptions } from '../../src/store/sql/day-cache.js';
import type { Doctor, DoctorDay } from '../../src/store/store.js';

const HOUR = 3_600_000;
const MONDAY = Date.parse('2030-01-07T00:00:00.000Z');
const day = (n: number) => ({ from: new Date(MONDAY + n * 24 * HOUR), to: new Date(MONDAY + (n + 1) * 24 * HOUR) });
const at = (n: number, hour: number) => new Date(MONDAY + n * 24 * HOUR + hour * HOUR);

const doctor = (id: string): Doctor => ({
  id,
  name: `Dr. ${id}`,
  specialty: 'Cardiology',
  email: null,
  phone: null,
  slotMinutes: 30,
  schedule: null,
  calendarKey: 'key',
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

/** A store stand-in that counts its reads and answers with whatever the test last wrote. */
function source() {
  const booked = new Map<string, DoctorDay['booked']>();
  const counts = { reads: 0 };
  return {
    counts,
    book: (doctorId: string, start: Date, end: Date) => booked.set(doctorId, [...(booked.get(doctorId) ?? []), { start, end }]),
    load: (doctorId: string) => async (): Promise<DoctorDay> => {
      counts.reads += 1;
      return { doctor: doctor(doctorId), booked: [...(booked.get(doctorId) ?? [])], off: [] };
    },
  };
}

/** A read whose answer the test hands over when it wants, to play a write in between. */
function held(value: DoctorDay) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { load: async () => (await gate, value), release };
}

function setup(options: DayCacheOptions = {}) {
  const cache = dayCache(options);
  const db = source();
  const read = (doctorId: string, n: number) => cache.read(doctorId, day(n).from, day(n).to, db.load(doctorId));
  return { cache, db, read };
}

describe('dayCache', () => {
  it('answers a second read of a doctor-day from memory', async () => {
    const { cache, db, read } = setup();
    const first = await read('a', 0);
    expect(await read('a', 0)).toEqual(first);
    expect(db.counts.reads).toBe(1);
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, entries: 1, serving: true });
  });

  it('drops the days a change overlaps, and only those', async () => {
    const { cache, db, read } = setup();
    await Promise.all([read('a', 0), read('a', 1), read('b', 0)]);
    db.book('a', at(0, 10), at(0, 11));
    cache.change({ doctorId: 'a', start: at(0, 10), end: at(0, 11) });
    expect((await read('a', 0)).booked).toEqual([{ start: at(0, 10), end: at(0, 11) }]);
    await Promise.all([read('a', 1), read('b', 0)]);
    expect(db.counts.reads).toBe(4);
  });

  it('treats a change that ends where a day starts as outside it (half-open)', async () => {
    const { cache, db, read } = setup();
    await read('a', 1);
    cache.change({ doctorId: 'a', start: at(0, 23), end: at(1, 0) });
    await read('a', 1);
    expect(db.counts.reads).toBe(1);
  });

  it('drops every day of a doctor on a change without an interval, and everything on clear', async () => {
    const { cache, db, read } = setup();
    await Promise.all([read('a', 0), read('a', 5), read('b', 0)]);
    cache.change({ doctorId: 'a' });
    await Promise.all([read('a', 0), read('a', 5), read('b', 0)]);
    expect(db.counts.reads).toBe(5);
    cache.clear();
    await read('b', 0);
    expect(db.counts.reads).toBe(6);
  });

  it('does not keep a read that was in flight when its doctor changed', async () => {
    const { cache, db, read } = setup();
    const stale = held({ doctor: doctor('a'), booked: [], off: [] });
    const inFlight = cache.read('a', day(0).from, day(0).to, stale.load);
    db.book('a', at(0, 9), at(0, 10));
    cache.change({ doctorId: 'a', start: at(0, 9), end: at(0, 10) });
    stale.release();
    expect((await inFlight).booked).toEqual([]);
    expect((await read('a', 0)).booked).toHaveLength(1);
    expect(db.counts.reads).toBe(1);
  });

  it('keeps a read that was in flight while another doctor changed', async () => {
    const { cache, read } = setup();
    const answer = held({ doctor: doctor('a'), booked: [], off: [] });
    const inFlight = cache.read('a', day(0).from, day(0).to, answer.load);
    cache.change({ doctorId: 'b' });
    answer.release();
    const kept = await inFlight;
    expect(await read('a', 0)).toEqual(kept);
  });

  it('does not keep a read that was in flight during a clear', async () => {
    const { cache, db, read } = setup();
    const stale = held({ doctor: doctor('a'), booked: [], off: [] });
    const inFlight = cache.read('a', day(0).from, day(0).to, stale.load);
    cache.clear();
    stale.release();
    await inFlight;
    await read('a', 0);
    expect(db.counts.reads).toBe(1);
  });

  it('keeps and serves nothing while paused, and nothing from before once resumed; resuming while serving keeps all', async () => {
    const { cache, db, read } = setup();
    await read('a', 0);
    cache.pause();
    await read('a', 0);
    await read('a', 0);
    expect(db.counts.reads).toBe(3);
    const before = held({ doctor: doctor('a'), booked: [], off: [] });
    const inFlight = cache.read('a', day(0).from, day(0).to, before.load);
    cache.resume();
    before.release();
    await inFlight;
    await read('a', 0);
    cache.resume();
    await read('a', 0);
    expect(db.counts.reads).toBe(4);
  });

  it('does not keep an unknown doctor, who may be created a moment later', async () => {
    const cache = dayCache();
    let reads = 0;
    const load = async () => ((reads += 1), { doctor: null, booked: [], off: [] });
    await cache.read('x', day(0).from, day(0).to, load);
    await cache.read('x', day(0).from, day(0).to, load);
    expect(reads).toBe(2);
  });

  it('reads again once an entry is older than its time to live', async () => {
    let now = 1_000;
    const { db, read } = setup({ ttlMs: 500, now: () => now });
    await read('a', 0);
    now += 499;
    await read('a', 0);
    expect(db.counts.reads).toBe(1);
    now += 1;
    await read('a', 0);
    expect(db.counts.reads).toBe(2);
  });

  it('forgets the least recently read day when full', async () => {
    const { cache, db, read } = setup({ limit: 2 });
    await read('a', 0);
    await read('a', 1);
    await read('a', 0);
    await read('a', 2);
    expect(cache.stats().entries).toBe(2);
    await read('a', 0);
    expect(db.counts.reads).toBe(3);
    await read('a', 1);
    expect(db.counts.reads).toBe(4);
  });

  it("shares one doctor object among a doctor's days, and hands out intervals no caller can change for others", async () => {
    const { cache, db, read } = setup();
    db.book('a', at(0, 10), at(0, 11));
    const monday = await read('a', 0);
    await read('a', 1);
    expect((await read('a', 1)).doctor).toBe(monday.doctor);
    (await read('a', 0)).booked[0]!.start.setTime(0);
    expect((await read('a', 0)).booked).toEqual([{ start: at(0, 10), end: at(0, 11) }]);
    expect(cache.stats().hits).toBe(3);
  });
});
