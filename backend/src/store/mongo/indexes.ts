import type { Models } from './models/index.js';

type IndexedModel = Pick<Models[keyof Models], 'createCollection' | 'createIndexes'>;

/**
 * Creates each collection and the indexes its schema declares, one model after the other.
 * `createIndexes` only adds what is missing: unlike `syncIndexes` it never drops an index an
 * operator added by hand, and it runs here, once, not from `autoIndex` on every model compile.
 */
export async function createIndexes(models: Record<string, IndexedModel>): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection();
    await model.createIndexes();
  }
}

const NAMESPACE_NOT_FOUND = 26;

type IndexInfo = { name?: string; partialFilterExpression?: unknown };

/** Indexes an earlier version made that a newer one replaces; each SQL migration that does the same is named. */
const REPLACED: Array<{ model: 'Patient' | 'Appointment'; name: string; stale: (index: IndexInfo) => boolean }> = [
  // Unique over every patient, now unique only where an email is given (migration 007).
  { model: 'Patient', name: 'emailKey_1', stale: (index) => !index.partialFilterExpression },
  // The day's list now walks { start, _id } in its own order (migration 009).
  { model: 'Appointment', name: 'start_1', stale: () => true },
];

/** Drops the replaced indexes that are still there, before createIndexes adds the new ones. */
export async function dropReplacedIndexes(models: Pick<Models, 'Patient' | 'Appointment'>): Promise<void> {
  for (const { model, name, stale } of REPLACED) {
    const { collection } = models[model];
    const indexes: IndexInfo[] = await collection
      .listIndexes()
      .toArray()
      .catch((error: { code?: number }) => {
        if (error.code === NAMESPACE_NOT_FOUND) return [];
        throw error;
      });
    if (indexes.some((index) => index.name === name && stale(index))) await collection.dropIndex(name);
  }
}
