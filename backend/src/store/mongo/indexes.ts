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

/**
 * Drops indexes an earlier version made that a newer one replaces, before createIndexes adds the
 * new ones. Only the patients' email key so far: it was unique over every patient and is now
 * unique only where an email is given (SQL migration 007 does the same).
 */
export async function dropReplacedIndexes(models: Pick<Models, 'Patient'>): Promise<void> {
  const indexes = await models.Patient.collection
    .listIndexes()
    .toArray()
    .catch((error: { code?: number }) => {
      if (error.code === NAMESPACE_NOT_FOUND) return [];
      throw error;
    });
  if (indexes.some((index) => index.name === 'emailKey_1' && !index.partialFilterExpression)) {
    await models.Patient.collection.dropIndex('emailKey_1');
  }
}
