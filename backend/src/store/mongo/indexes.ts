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
