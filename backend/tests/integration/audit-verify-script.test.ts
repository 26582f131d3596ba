import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/store/ports/audit.js';
import type { SqlDatabase } from '../../src/store/sql/db.js';
import { openPglite } from '../../src/store/sql/pglite.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { Store } from '../../src/store/store.js';

const backendDir = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'audit-verify-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm run audit:verify`'s script against the PGlite directory, as an operator would. */
async function verifyScript(): Promise<{ code: number; stdout: string }> {
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    cwd: backendDir,
    env: { ...process.env, DATABASE_URL: `pglite://${dataDir}`, LOG_LEVEL: 'silent' },
  });
  try {
    return { code: 0, stdout: (await run).stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

async function withStore(work: (store: Store, db: SqlDatabase) => Promise<void>) {
  const db = await openPglite(`pglite://${dataDir}`);
  const store = await createSqlStore(db);
  try {
    await work(store, db);
  } finally {
    await store.close();
  }
}

const entry: AuditEntry = {
  actorKind: 'local',
  actorId: 'local',
  actorLabel: 'auth-off',
  action: 'patient.list',
  resourceType: 'patient',
  resourceId: null,
  outcome: 'success',
  correlationId: null,
  clientAddress: null,
};

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain and 1 naming the first broken record after an edit', async () => {
    await withStore(async (store) => {
      for (let n = 0; n < 3; n += 1) await store.audit.append(entry);
    });
    const intact = await verifyScript();
    expect(intact).toEqual({ code: 0, stdout: expect.stringMatching(/^Audit chain on pglite intact: 3 records checked/) });

    await withStore(async (_store, db) => {
      await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        await tx.exec("UPDATE audit_log SET action = 'patient.read' WHERE seq = 1");
      });
    });
    const broken = await verifyScript();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at record 1: record 1 was changed after it was written');
  }, 120_000);
});
