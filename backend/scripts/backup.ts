// `npm run backup [-- <file>]` and `npm run restore -- <file>`: the store that DATABASE_URL (or
// DATA_DIR) names, to and from one file. Prints the time taken and rows and a checksum per table,
// so the two ends of a round trip can be compared.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/env.js';
import { openPostgres } from '../src/store/sql/pg.js';
import { describeTarget } from '../src/store/open-store.js';
import { backupPglite, backupPostgres, restorePglite, restorePostgres, tableSums, type TableSums } from './backup/snapshot.js';

// npm runs this in backend/; paths on the command line are the caller's.
const callerDir = process.env.INIT_CWD ?? process.cwd();
const usage = 'usage: npm run backup [-- <file>]   |   npm run restore -- <file>';

function print(action: string, file: string, started: number, sums: TableSums) {
  const size = statSync(file).size;
  process.stdout.write(`${action} ${file} (${(size / 1024).toFixed(0)} kB) in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  for (const [table, { rows, md5 }] of Object.entries(sums))
    process.stdout.write(`  ${table.padEnd(24)} ${String(rows).padStart(10)} rows  ${md5}\n`);
}

async function postgresSums(url: string): Promise<TableSums> {
  const db = await openPostgres(url, { max: 1 });
  try {
    return await tableSums(db);
  } finally {
    await db.close();
  }
}

async function main() {
  const [command, fileArgument] = process.argv.slice(2);
  const config = loadConfig();
  const { engine, url } = describeTarget(config);
  if (engine === 'mongodb') {
    throw new Error('MongoDB is backed up with mongodump --oplog and restored with mongorestore --oplogReplay; see docs/operations.md');
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const defaultFile = path.join(callerDir, 'backups', `clinic-${engine}-${stamp}.${engine === 'pglite' ? 'tar.gz' : 'dump'}`);
  const started = performance.now();

  if (command === 'backup') {
    const file = path.resolve(callerDir, fileArgument ?? defaultFile);
    mkdirSync(path.dirname(file), { recursive: true });
    if (engine === 'pglite') return print('backed up to', file, started, await backupPglite(pgliteDir(url), file));
    // The sums are read after the dump, so under writes they may count more rows than the file holds.
    await backupPostgres(url, file);
    return print('backed up to', file, started, await postgresSums(url));
  }
  if (command === 'restore' && fileArgument) {
    const file = path.resolve(callerDir, fileArgument);
    if (engine === 'pglite') return print('restored from', file, started, await restorePglite(file, pgliteDir(url)));
    await restorePostgres(file, url, async () => Object.keys(await postgresSums(url)).length === 0);
    return print('restored from', file, started, await postgresSums(url));
  }
  throw new Error(usage);
}

function pgliteDir(url: string): string {
  const dir = url.replace(/^pglite:\/\//, '');
  if (dir === 'memory' || dir === '') throw new Error('pglite://memory keeps nothing to back up or restore into');
  return dir;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
