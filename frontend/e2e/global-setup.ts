import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminCredentials, createApiToken, type Credentials } from './support/auth';
import { printAxeSummary, type AxeRecord } from './support/axe-report';
import { buildAll, firstAdmin, startServer } from './support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** A second API process on the same PostgreSQL database (E2E_DATABASE_URL), else baseURL. */
    secondURL: string;
    axeReportFile: string;
    admin: Credentials;
    apiToken: string;
  }
}

/**
 * E2E_BASE_URL points the suite at a server that is already running; otherwise the suite
 * builds both workspaces (unless E2E_SKIP_BUILD=1) and starts its own on a fresh store, or two
 * processes on an empty PostgreSQL database named by E2E_DATABASE_URL.
 */
export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-'));
  const axeReportFile = join(workDir, 'axe.jsonl');
  let stop = async () => '';
  let baseURL = process.env.E2E_BASE_URL?.replace(/\/+$/, '');
  let secondURL = baseURL;
  let admin: Credentials | null = null;
  if (!baseURL) {
    admin = firstAdmin;
    if (process.env.E2E_SKIP_BUILD !== '1') buildAll();
    const database = process.env.E2E_DATABASE_URL;
    const server = await startServer(database);
    // The second process starts once the first has migrated the database and made the admin.
    const second = database ? await startServer(database) : server;
    baseURL = server.baseURL;
    secondURL = second.baseURL;
    stop = async () => [await server.stop(), second === server ? '' : await second.stop()].join('\n');
  }
  project.provide('baseURL', baseURL);
  project.provide('secondURL', secondURL ?? baseURL);
  project.provide('axeReportFile', axeReportFile);
  admin ??= await adminCredentials(baseURL);
  project.provide('admin', admin);
  project.provide('apiToken', await createApiToken(baseURL, admin));

  return async () => {
    const serverLog = (await stop()).trim();
    if (serverLog) process.stdout.write(`\nserver warnings and errors (last lines):\n${serverLog}\n`);
    const records: AxeRecord[] = [];
    try {
      for (const line of readFileSync(axeReportFile, 'utf8').split('\n')) {
        if (line) records.push(JSON.parse(line) as AxeRecord);
      }
    } catch {
      // no page was audited (e.g. a filtered run); there is nothing to print
    }
    if (records.length) printAxeSummary(records);
    rmSync(workDir, { recursive: true, force: true });
  };
}
