import type { Doctor, DoctorDay } from '../store.js';

/** A committed write that can change what doctorDay answers: one interval of a doctor, or all their days. */
export type DayChange = { doctorId: string; start?: Date; end?: Date };

export type DayCacheOptions = {
  /** Doctor-days kept; the least recently read goes first. */
  limit?: number;
  /** The longest an entry is trusted: the bound on staleness if a change notice from another process is lost. */
  ttlMs?: number;
  now?: () => number;
};

/**
 * Few objects per entry, since every kept object is one more for each major collection to mark:
 * the intervals as one flat array of times, and one doctor object shared by that doctor's days.
 */
type Entry = { doctorId: string; from: number; to: number; doctor: Doctor; booked: number[]; off: number[]; expires: number };

const flatten = (booked: DoctorDay['booked']) => booked.flatMap(({ start, end }) => [start.getTime(), end.getTime()]);

function intervals(times: number[]): DoctorDay['booked'] {
  const booked: DoctorDay['booked'] = [];
  for (let i = 0; i < times.length; i += 2) booked.push({ start: new Date(times[i]!), end: new Date(times[i + 1]!) });
  return booked;
}

const DEFAULT_LIMIT = 20_000;
const DEFAULT_TTL_MS = 60_000;

/**
 * Doctor-days as the store last read them, dropped by every change that touches them. A read
 * that was in flight when its doctor changed is not kept, so it cannot put an answer from before
 * the change back: each change advances a version, and a read stores its answer only if no change
 * of its doctor, and no clear, came after the version it began at.
 */
export function dayCache({ limit = DEFAULT_LIMIT, ttlMs = DEFAULT_TTL_MS, now = Date.now }: DayCacheOptions = {}) {
  const entries = new Map<string, Entry>();
  const keysByDoctor = new Map<string, Set<string>>();
  const changedAt = new Map<string, number>();
  let version = 0;
  let floor = 0;
  let paused = false;
  const counts = { hits: 0, misses: 0 };

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    const keys = keysByDoctor.get(entry.doctorId);
    keys?.delete(key);
    if (keys?.size === 0) keysByDoctor.delete(entry.doctorId);
  };

  const keep = (key: string, from: Date, to: Date, { doctor, booked, off }: { doctor: Doctor } & Omit<DoctorDay, 'doctor'>) => {
    const keys = keysByDoctor.get(doctor.id) ?? new Set<string>();
    const sibling = entries.get(keys.values().next().value ?? '')?.doctor;
    const shared = sibling && sibling.updatedAt.getTime() === doctor.updatedAt.getTime() ? sibling : doctor;
    const entry = {
      doctorId: doctor.id,
      from: from.getTime(),
      to: to.getTime(),
      doctor: shared,
      booked: flatten(booked),
      off: flatten(off),
      expires: now() + ttlMs,
    };
    entries.set(key, entry);
    keysByDoctor.set(doctor.id, keys.add(key));
    if (entries.size > limit) drop(entries.keys().next().value!);
  };

  const clear = () => {
    version += 1;
    floor = version;
    entries.clear();
    keysByDoctor.clear();
    changedAt.clear();
  };

  return {
    async read(doctorId: string, from: Date, to: Date, load: () => Promise<DoctorDay>): Promise<DoctorDay> {
      const key = `${doctorId} ${from.getTime()} ${to.getTime()}`;
      const cached = entries.get(key);
      if (cached && cached.expires > now()) {
        counts.hits += 1;
        entries.delete(key);
        entries.set(key, cached);
        return { doctor: cached.doctor, booked: intervals(cached.booked), off: intervals(cached.off) };
      }
      if (cached) drop(key);
      counts.misses += 1;
      const begun = version;
      const value = await load();
      const unchanged = begun >= floor && (changedAt.get(doctorId) ?? 0) <= begun;
      // An unknown doctor is not kept: it may be created in the next second.
      if (!paused && value.doctor?.id === doctorId && unchanged)
        keep(key, from, to, { doctor: value.doctor, booked: value.booked, off: value.off });
      return value;
    },

    change({ doctorId, start, end }: DayChange) {
      version += 1;
      changedAt.set(doctorId, version);
      // Versions of changes are needed only while reads are in flight; a clear forgets them safely.
      if (changedAt.size > limit) clear();
      for (const key of keysByDoctor.get(doctorId) ?? []) {
        const entry = entries.get(key)!;
        if (!start || !end || (entry.from < end.getTime() && start.getTime() < entry.to)) drop(key);
      }
    },

    clear,

    /** While changes from elsewhere cannot be heard, nothing is kept or served. */
    pause() {
      paused = true;
      clear();
    },

    /** Starts serving again, empty, if paused; a no-op while serving. */
    resume() {
      if (!paused) return;
      clear();
      paused = false;
    },

    stats: () => ({ ...counts, entries: entries.size, serving: !paused }),
  };
}

export type DayCache = ReturnType<typeof dayCache>;
