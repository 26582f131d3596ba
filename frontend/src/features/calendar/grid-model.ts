import type { ReactNode } from 'react';
import type { Appointment, Doctor } from '../../services/api';
import type { Stop } from './grid-keys';
import { cellState, holdsTime, interval, placeBlocks, rowOf, ROW_MS, type CellState, type Placed } from './layout';
import type { Interval } from './working-hours';

/** One column of the grid: a doctor on a date (the day view has one per doctor, the week view one per day). */
export type GridColumn = {
  key: string;
  doctor: Pick<Doctor, 'id' | 'name' | 'specialty' | 'slotMinutes'>;
  date: string;
  /** Names the column to screen readers in each cell: the doctor, or the day. */
  label: string;
  heading: ReactNode;
  /** Start instant of each row in this column. */
  rows: number[];
  /** Rows whose wall time the clock skips that day (week view, spring forward). */
  skipped?: boolean[];
  working: Interval[];
  away: Interval[];
  appointments: Appointment[];
};

/** Where a visit is being shown instead of where it is: while dragged by keyboard, or while its move is on its way. */
export type Preview = { id: string; column: number; start: number; end: number };

export type BuiltColumn = {
  blocksByRow: Map<number, Placed[]>;
  cells: CellState[];
  stops: Stop[];
};

export const cellKey = (column: number, row: number) => `c${column}r${row}`;
export const blockKey = (id: string) => `b${id}`;

/** The column's visits as they are to be drawn, with a previewed visit taken out of or put into it. */
export function visitsOf(columns: GridColumn[], index: number, preview: Preview | null): Appointment[] {
  const own = columns[index]!.appointments.filter((a) => a.id !== preview?.id);
  if (!preview || preview.column !== index) return own;
  const moved = columns.flatMap((c) => c.appointments).find((a) => a.id === preview.id);
  if (!moved) return own;
  return [...own, { ...moved, start: new Date(preview.start).toISOString(), end: new Date(preview.end).toISOString() }];
}

/** Blocks by the row they start in, each cell's state, and the focus stops in time order. */
export function buildColumn(column: GridColumn, index: number, visits: Appointment[], now: number): BuiltColumn {
  const placed = placeBlocks(visits);
  const busy = visits.filter(holdsTime).map(interval);
  const blocksByRow = new Map<number, Placed[]>();
  for (const p of placed) {
    const row = Math.max(0, rowOf(column.rows, p.start));
    blocksByRow.set(row, [...(blocksByRow.get(row) ?? []), p]);
  }
  const cells = column.rows.map((start, r) =>
    cellState({ start, end: start + ROW_MS }, { working: column.working, away: column.away, busy }, now, column.skipped?.[r]),
  );
  const stops: Stop[] = [
    ...placed.map((p) => ({ key: blockKey(p.appointment.id), start: p.start, end: p.end })),
    ...column.rows.flatMap((start, r) =>
      cells[r] === 'busy' || cells[r] === 'skipped' ? [] : [{ key: cellKey(index, r), start, end: start + ROW_MS }],
    ),
  ].sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
  return { blocksByRow, cells, stops };
}

/**
 * A visit shifted by whole rows and columns, keeping its offset inside its row and its length
 * (or, for `resize`, keeping its start and changing its end); null when it would leave the grid.
 */
export function shift(
  columns: GridColumn[],
  from: { column: number; start: number; end: number },
  by: { columns: number; rows: number; resize?: boolean },
): Omit<Preview, 'id'> | null {
  const source = columns[from.column];
  const target = columns[from.column + by.columns];
  if (!source || !target) return null;
  if (by.resize) {
    const end = Math.max(from.start + ROW_MS, from.end + by.rows * ROW_MS);
    return { column: from.column, start: from.start, end };
  }
  const row = Math.max(0, rowOf(source.rows, from.start));
  const offset = from.start - (source.rows[row] ?? from.start);
  const landing = target.rows[row + by.rows];
  if (landing === undefined) return null;
  const start = landing + offset;
  return { column: from.column + by.columns, start, end: start + (from.end - from.start) };
}
