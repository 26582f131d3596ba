/** The table a person reads, the JSON a later run compares with, and the one RESULT line CI greps. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan } from './plan.js';
import { percentile, type Sample } from './scenarios.js';

const resultsDir = fileURLToPath(new URL('../bench-results/', import.meta.url));

export type Row = { scenario: string; requests: number; perSecond: number; p50?: number; p95?: number; p99?: number; note: string };

const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

export function rowOf(scenario: string, sample: Pick<Sample, 'requests' | 'perSecond' | 'latencies'>, note: string): Row {
  const { latencies } = sample;
  return {
    scenario,
    requests: sample.requests,
    perSecond: sample.perSecond,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    note,
  };
}

export function printTable(rows: Row[]) {
  const cell = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(1));
  const lines = [
    ['scenario', 'requests', 'per second', 'p50 ms', 'p95 ms', 'p99 ms', 'note'],
    ...rows.map((row) => [
      row.scenario,
      String(row.requests),
      row.perSecond.toFixed(0),
      cell(row.p50),
      cell(row.p95),
      cell(row.p99),
      row.note,
    ]),
  ];
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  for (const [index, line] of lines.entries()) {
    console.log(
      line.map((text, column) => (column === 0 || column === 6 ? text.padEnd(widths[column]!) : text.padStart(widths[column]!))).join('  '),
    );
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

export type Summary = { bookVsRaw: number; availabilityP99: number; contentionP99: number; winnersOk: boolean };

export function resultLine(plan: Plan, summary: Summary): string {
  return `RESULT book_vs_raw=${summary.bookVsRaw.toFixed(2)} availability_p99_ms=${round(summary.availabilityP99)} contention_p99_ms=${round(summary.contentionP99, 0)} contention_winners_ok=${summary.winnersOk} store=${plan.store}`;
}

export function writeJson(plan: Plan, rows: Row[], summary: Summary, invariants: Record<string, unknown>): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(
    resultsDir,
    `bench-${plan.store}${plan.quick ? '-quick' : ''}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, platform: process.platform };
  const { day0, ...settings } = plan;
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), machine, plan: { ...settings, day0: new Date(day0).toISOString() }, rows, summary, invariants }, null, 2)}\n`,
  );
  return file;
}
