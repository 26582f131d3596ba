import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Writes src/auth/common-passwords.txt: the 10,000 most common passwords, most common first, from
 * the ranked list zxcvbn-ts ships (itself from leaked-password corpora). Run again to refresh it:
 * `npx tsx scripts/common-passwords.ts`.
 */
const target = fileURLToPath(new URL('../src/auth/common-passwords.txt', import.meta.url));
const list = [...new Set((dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()))].slice(0, 10_000);
writeFileSync(target, `${list.join('\n')}\n`);
process.stdout.write(`wrote ${list.length} passwords to ${target}\n`);
