import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../src/store/sql/db.js';
import { openPglite } from '../../src/store/sql/pglite.js';
import { openPostgres } from '../../src/store/sql/pg.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { AuditEntry } from '../../src/store/ports/audit.js';
import type { Store } from '../../src/store/store.js';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';

type Opened = { db: SqlDatabase; cleanup: () => Promise<void> };

const engines: Array<{ name: string; open: () => Promise<Opened> }> = [
  {
    name: 'pglite',
    open: async () => {
      const db = await openPglite('pglite://memory');
      return { db, cleanup: () => db.close() };
    },
  },
];
if (await isPostgresReachable()) {
  engines.push({
    name: 'postgres',
    open: async () => {
      const database = await createPostgresDatabase();
      const db = await openPostgres(database.url, { max: 5 });
      return { db, cleanup: async () => (await db.close(), await database.drop()) };
    },
  });
}

const entry = (n: number): AuditEntry => ({
  actorKind: 'token',
  actorId: 'tok-1',
  actorLabel: 'integration',
  action: 'patient.read',
  resourceType: 'patient',
  resourceId: `patient-${n}`,
  outcome: 'success',
  correlationId: `corr-${n}`,
  clientAddress: '10.0.0.7',
});

/** What someone with the database's superuser rights could do behind the application's back. */
const asSuperuser = (db: SqlDatabase, statement: string) =>
  db.transaction(async (tx) => {
    await tx.exec('SET LOCAL session_replication_role = replica');
    await tx.exec(statement);
  });

for (const engine of engines) {
  describe(`the audit table on ${engine.name}`, () => {
    let opened: Opened;
    let store: Store;
    beforeAll(async () => {
      opened = await engine.open();
      store = await createSqlStore(opened.db);
    });
    afterAll(() => opened?.cleanup());
    beforeEach(async () => {
      await store.reset();
      for (let n = 1; n <= 5; n += 1) await store.audit.append(entry(n));
    });

    it('refuses UPDATE, DELETE and TRUNCATE through the trigger', async () => {
      await expect(opened.db.query("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 2")).rejects.toThrow(/append-only/);
      await expect(opened.db.query('DELETE FROM audit_log WHERE seq = 5')).rejects.toThrow(/append-only/);
      await expect(opened.db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      await expect(opened.db.query('UPDATE audit_head SET seq = 2 WHERE id = 1')).rejects.toThrow(/append-only/);
      await expect(opened.db.query('DELETE FROM audit_head')).rejects.toThrow(/append-only/);
      const rows = await opened.db.query<{ seq: string; actor_id: string }>('SELECT seq, actor_id FROM audit_log ORDER BY seq');
      expect(rows.rows.map((row) => [Number(row.seq), row.actor_id])).toEqual([1, 2, 3, 4, 5].map((seq) => [seq, 'tok-1']));
      expect(await store.audit.verify()).toEqual({ ok: true, checked: 5 });
    });

    it('names the first edited record when someone changed one with the trigger off', async () => {
      await asSuperuser(opened.db, "UPDATE audit_log SET actor_label = 'nobody' WHERE seq = 3");
      expect(await store.audit.verify()).toEqual({
        ok: false,
        checked: 2,
        brokenAt: 3,
        reason: 'record 3 was changed after it was written',
      });
    });

    it('names the record after a gap when one was deleted from the middle', async () => {
      await asSuperuser(opened.db, 'DELETE FROM audit_log WHERE seq = 2');
      expect(await store.audit.verify()).toMatchObject({ ok: false, checked: 1, brokenAt: 2, reason: 'record 2 is missing' });
    });

    it('notices a record rewritten with a fresh hash, because the next one still carries the old hash', async () => {
      await asSuperuser(opened.db, "UPDATE audit_log SET actor_label = 'nobody', hash = repeat('a', 64) WHERE seq = 3");
      const verified = await store.audit.verify();
      expect(verified).toMatchObject({ ok: false, brokenAt: 3 });
    });

    it('notices records removed from the end, by the chain head', async () => {
      await asSuperuser(opened.db, 'DELETE FROM audit_log WHERE seq >= 4');
      expect(await store.audit.verify()).toEqual({
        ok: false,
        checked: 3,
        brokenAt: 4,
        reason: 'the chain ends at record 3 but its head is at record 5',
      });
    });
  });
}
