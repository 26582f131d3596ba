import type { SecretRepository } from '../ports/secrets.js';
import type { SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';

export function sqlSecrets(db: SqlDatabase): SecretRepository {
  return {
    getOrCreate: (name, value) =>
      sqlCall(async () => {
        // Two processes starting at once both insert; the loser's row is dropped and it reads the winner's.
        await db.query('INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, value]);
        return (await db.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [name])).rows[0]!.value;
      }),
    get: (name) =>
      sqlCall(
        async () => (await db.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [name])).rows[0]?.value ?? null,
      ),
  };
}
