import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SqlDatabase } from './db.js';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Applies each versioned .sql file once, in name order, in one transaction. */
export async function migrate(db: SqlDatabase): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql')).sort();
  return db.transaction(async (tx) => {
    // Several API processes may start at once against one server; this lock takes them in turn.
    await tx.query('SELECT pg_advisory_xact_lock(727274)');
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
    const seen = new Set(done.rows.map((row) => row.version));
    const applied: string[] = [];
    for (const file of files.filter((name) => !seen.has(name))) {
      await tx.exec(await readFile(migrationsDir + file, 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}
