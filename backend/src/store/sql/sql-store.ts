import { ServiceUnavailableError } from '../../errors.js';
import { dayCache } from './day-cache.js';
import type { Store } from '../store.js';
import type { SqlDatabase } from './db.js';
import { sqlAccounts, sqlSessions, sqlTokens } from './access.js';
import { sqlAppointments } from './appointments.js';
import { resetAuditTrail, sqlAudit } from './audit.js';
import { changeFeed } from './change-feed.js';
import { sqlTimeOff } from './time-off.js';
import { sqlVisitTypes } from './visit-types.js';
import { sqlSites } from './sites.js';
import { sqlWebhooks } from './webhooks.js';
import { sqlMessages } from './messages.js';
import { sqlSecrets } from './secrets.js';
import { sqlWaitlist } from './waitlist.js';
import { sqlIdempotency } from './idempotency.js';
import { migrate } from './migrate.js';
import { sqlDoctors, sqlPatients } from './people.js';

/** One adapter for PGlite and PostgreSQL: same schema, same SQL, same constraints. */
export async function createSqlStore(db: SqlDatabase): Promise<Store> {
  await migrate(db);
  const days = dayCache();
  const feed = await changeFeed(db, days);
  return {
    kind: db.kind,
    doctors: sqlDoctors(db, feed),
    patients: sqlPatients(db),
    appointments: sqlAppointments(db, days, feed),
    timeOff: sqlTimeOff(db, feed),
    visitTypes: sqlVisitTypes(db),
    sites: sqlSites(db),
    webhooks: sqlWebhooks(db),
    messages: sqlMessages(db),
    secrets: sqlSecrets(db),
    waitlist: sqlWaitlist(db, feed),
    idempotency: sqlIdempotency(db),
    audit: sqlAudit(db),
    accounts: sqlAccounts(db),
    sessions: sqlSessions(db),
    tokens: sqlTokens(db),
    dayCacheStats: days.stats,
    onChange: feed.subscribe,
    ping: async () => {
      try {
        await db.query('SELECT 1');
      } catch {
        throw new ServiceUnavailableError();
      }
    },
    reset: async () => {
      try {
        await resetAuditTrail(db);
        await db.exec(
          'TRUNCATE sessions, accounts, api_tokens, webhook_deliveries, webhook_endpoints, waitlist_offers, freed_slots, waitlist_entries, time_off, appointments, visit_types, patient_search_keys, patient_name_words, patients, doctors, idempotency_keys',
        );
        await db.exec('TRUNCATE messages, message_templates');
        // The default site stays, as the migration made it: every clinic has one.
        await db.exec(`DELETE FROM sites WHERE NOT is_default; UPDATE sites SET name = 'Main site', address = NULL WHERE is_default`);
        // The chain starts again from nothing, and so does the outbox's place on it.
        await db.exec(`UPDATE outbox_cursors SET last_seq = 0`);
      } finally {
        feed.changed('everything');
      }
    },
    close: async () => {
      await feed.close();
      await db.close();
    },
  };
}
