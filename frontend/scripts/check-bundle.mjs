// Run after `vite build`: the JavaScript a first visit loads (the entry script and every chunk
// index.html preloads) must stay under its gzip budget, or the build fails with the figures.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const dist = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const sizes = scripts.map((file) => ({ file, kb: gzipSync(readFileSync(join(dist, file))).length / 1024 }));
const total = sizes.reduce((sum, { kb }) => sum + kb, 0);
for (const { file, kb } of sizes) console.log(`first load: ${file} ${kb.toFixed(1)} kB gzip`);
console.log(`first-load JavaScript: ${total.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
if (scripts.length === 0 || total > BUDGET_KB) {
  console.error(scripts.length === 0 ? 'no entry script found in dist/index.html' : `over the ${BUDGET_KB} kB budget`);
  process.exit(1);
}
