#!/usr/bin/env node
// `npm run test:mongo`: the store contract suite against the MongoDB replica set in
// TEST_MONGODB_URI. Without one it says how to get one and fails, so a run that tested nothing
// never passes for one that did.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';

const backend = fileURLToPath(new URL('..', import.meta.url));
const uri = process.env.TEST_MONGODB_URI;

const howTo = `
  With Docker, from the repository root:

    docker compose up -d mongo     # mongo:7 as the one-member replica set rs0 (healthy once PRIMARY, ~15 s)
    TEST_MONGODB_URI='mongodb://localhost:27017/clinic_test?directConnection=true' npm run test:mongo

  From the host, keep directConnection=true: the set's member is named mongo:27017, a name only the
  compose network resolves. Against your own replica set:

    TEST_MONGODB_URI='mongodb://host:27017/clinic_test?replicaSet=rs0' npm run test:mongo

  Each test file uses a fresh database clinic_test_<random> on that server; the path in the URI is replaced.
`;

function fail(message) {
  process.stderr.write(`test:mongo: ${message}\n${howTo}\n`);
  process.exit(1);
}

if (!uri) fail('TEST_MONGODB_URI is not set, so there is no MongoDB to test against (none runs here by default).');

// Check the server first: a wrong address would otherwise show up as one timeout per test file.
try {
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  const hello = await connection.db.admin().command({ hello: 1 });
  await connection.close();
  if (!hello.setName)
    fail(`${uri} is a standalone mongod; booking needs transactions, so a replica set (mongod --replSet rs0, then rs.initiate()).`);
} catch (error) {
  fail(`cannot reach ${uri}: ${error instanceof Error ? error.message : String(error)}`);
}

const run = spawnSync('npx', ['vitest', 'run', 'tests/integration/store-contract'], {
  cwd: backend,
  stdio: 'inherit',
  env: { ...process.env, TEST_MONGODB_URI: uri },
});
process.exit(run.status ?? 1);
