#!/usr/bin/env node
// Runs docs/postman_collection.json with newman against a throwaway API server, so the
// collection can never drift from the API. Builds nothing: run `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import newman from 'newman';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverEntry = `${root}backend/dist/server.js`;
const collection = `${root}docs/postman_collection.json`;
const HEALTH_TIMEOUT_MS = 60_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, server) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the API exited with code ${server.exitCode} before answering ${url}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet; PGlite takes a few seconds to open.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

function stop(server) {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

// The throwaway server's first admin; the collection itself runs with a token made from it.
const ADMIN = { email: 'newman-admin@example.test', password: `newman-${Date.now()}-${Math.random().toString(36).slice(2)}` };

/** Signs in as the first admin and makes the admin token the collection sends as {{token}}. */
async function createToken(baseUrl) {
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`signing in as the first admin answered ${login.status}: ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const created = await fetch(`${baseUrl}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'newman', role: 'admin', expiresInDays: 1 }),
  });
  if (created.status !== 201) throw new Error(`creating the newman token answered ${created.status}: ${await created.text()}`);
  return (await created.json()).data.secret;
}

function runCollection(baseUrl, token) {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection,
        // An environment value wins over the collection's own baseUrl default.
        envVar: [
          { key: 'baseUrl', value: baseUrl },
          { key: 'token', value: token },
        ],
        reporters: ['cli'],
        timeoutRequest: 15_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

async function main() {
  if (!existsSync(serverEntry)) {
    throw new Error(`${serverEntry} is missing; run \`npm run build\` first`);
  }
  const port = await freePort();
  const server = spawn(process.execPath, [serverEntry], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: 'pglite://memory',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      SERVE_FRONTEND: 'false',
      AUTH_MODE: 'required',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The API logs every 4xx at warn; keep its lines out of newman's report unless something fails.
  const serverLog = [];
  const keep = (chunk) => serverLog.push(chunk.toString());
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  let code = 1;
  try {
    await waitForHealth(`http://127.0.0.1:${port}/health`, server);
    const baseUrl = `http://127.0.0.1:${port}/api`;
    const summary = await runCollection(baseUrl, await createToken(baseUrl));
    const { failures, stats } = summary.run;
    const requests = stats.requests.total;
    const assertions = stats.assertions.total;
    if (failures.length > 0 || summary.error) {
      process.stderr.write(`newman: ${failures.length} failure(s) in ${requests} requests / ${assertions} assertions\n`);
      return code;
    }
    process.stdout.write(`newman: ${requests} requests, ${assertions} assertions, all passed\n`);
    code = 0;
    return code;
  } finally {
    await stop(server);
    if (code !== 0 && serverLog.length > 0) process.stderr.write(`--- API server output ---\n${serverLog.join('')}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`run-newman: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
