import { AxeBuilder } from '@axe-core/playwright';
import { appendFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
type Impact = (typeof IMPACTS)[number];

export type AxeRecord = {
  page: string;
  passes: number;
  counts: Record<Impact, number>;
  blocking: string[];
};

/** Runs axe on the page as it is now, records the counts, returns serious/critical findings. */
export async function audit(page: Page, name: string, reportFile: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const blocking: string[] = [];
  for (const violation of results.violations) {
    const impact = (violation.impact ?? 'minor') as Impact;
    counts[impact] += 1;
    if (impact === 'critical' || impact === 'serious') {
      const targets = violation.nodes.map((n) => n.target.join(' ')).join(', ');
      blocking.push(`${violation.id} (${impact}): ${violation.help} at ${targets}`);
    }
  }
  const record: AxeRecord = { page: name, passes: results.passes.length, counts, blocking };
  appendFileSync(reportFile, `${JSON.stringify(record)}\n`);
  return blocking;
}

export function printAxeSummary(records: AxeRecord[]): void {
  const rows = records.map((r) =>
    [r.page.padEnd(22), ...IMPACTS.map((i) => String(r.counts[i]).padStart(8)), String(r.passes).padStart(7)].join(' '),
  );
  const header = ['page'.padEnd(22), ...IMPACTS.map((i) => i.padStart(8)), 'passes'.padStart(7)].join(' ');
  process.stdout.write(`\naxe-core violations per page (serious and critical must be 0)\n${header}\n${rows.join('\n')}\n\n`);
}
