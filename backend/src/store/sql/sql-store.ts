import { ServiceUnavailableError } from '../../errors.js';
import type { Store } from '../store.js';
import type { SqlDatabase } from './db.js';
import { sqlAppointments } from './appointments.js';
import { sqlIdempotency } from './idempotency.js';
import { migrate } from './migrate.js';
import { sqlDoctors, sqlPatients } from './people.js';

/** One adapter for PGlite and PostgreSQL: same schema, same SQL, same constraints. */
export async function createSqlStore(db: SqlDatabase): Promise<Store> {
  await migrate(db);
  return {
    kind: db.kind,
    doctors: sqlDoctors(db),
    patients: sqlPatients(db),
    appointments: sqlAppointments(db),
    idempotency: sqlIdempotency(db),
    ping: async () => {
      try {
        await db.query('SELECT 1');
      } catch {
        throw new ServiceUnavailableError();
      }
    },
    reset: async () => {
      await db.exec('TRUNCATE appointments, patients, doctors, idempotency_keys');
    },
    close: () => db.close(),
  };
}
