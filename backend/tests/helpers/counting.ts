import type { SqlDatabase } from '../../src/store/sql/db.js';

/** The real database, counting the statements sent through it. */
export function counting(db: SqlDatabase) {
  const counter = { statements: 0 };
  const client: SqlDatabase = {
    ...db,
    query: (text, params) => {
      counter.statements += 1;
      return db.query(text, params);
    },
  };
  return { client, counter };
}
