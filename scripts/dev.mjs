#!/usr/bin/env node
// `npm run dev`: the API with reload on change, and Vite (which proxies /api to it) side by side.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const children = [
  spawn('npm', ['run', 'dev', '-w', 'backend'], { cwd: root, stdio: 'inherit', env: { ...process.env, SERVE_FRONTEND: 'false' } }),
  spawn('npm', ['run', 'dev', '-w', 'frontend'], { cwd: root, stdio: 'inherit' }),
];
const stopAll = (signal) => children.forEach((child) => child.exitCode === null && child.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
for (const child of children) child.on('exit', (code) => (stopAll('SIGTERM'), process.exitCode ||= code ?? 0));
