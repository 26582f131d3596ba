import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { formatTime } from '../../lib/time';
import type { Appointment } from '../../services/api';
import { AppointmentBlock } from './appointment-block';
import { nextStop } from './grid-keys';
import { blockKey, buildColumn, cellKey, shift, visitsOf, type GridColumn, type Preview } from './grid-model';
import { rowOf, ROW_MS, type CellState } from './layout';
import { useBlockDrag, type Drop } from './use-block-drag';
import { useVisibleColumns } from './use-visible-columns';

export type MoveTarget = { column: GridColumn; start: number; end: number };

const CELL_WORDS: Record<CellState, string> = {
  free: 'free',
  busy: 'booked',
  off: 'not working',
  away: 'time off',
  past: 'past',
  skipped: 'not on the clock this day',
};

const ARROWS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

/**
 * The time grid (WAI-ARIA grid): a row every 15 minutes, a column per doctor or per day, visits as
 * blocks. One cell or block is in the Tab order at a time and the arrow keys move it (roving
 * tabindex); Enter books a free cell or opens a block's menu. A block is moved by dragging it or,
 * from its menu's Move, by the arrow keys, Enter to place and Escape to give up.
 */
export function TimeGrid({
  label,
  columns,
  rowLabels,
  timezone,
  now,
  moving,
  onBook,
  onOpen,
  onMove,
  onMoveEnd,
  announce,
}: {
  label: string;
  columns: GridColumn[];
  rowLabels: string[];
  timezone: string;
  now: number;
  /** The visit the keyboard is moving (chosen from its menu), if any. */
  moving: string | null;
  onBook: (column: GridColumn, start: number) => void;
  onOpen: (appointment: Appointment, column: GridColumn) => void;
  /** Saves a move; resolves once it is settled either way. */
  onMove: (appointment: Appointment, to: MoveTarget) => Promise<void>;
  onMoveEnd: () => void;
  announce: (text: string) => void;
}) {
  const grid = useRef<HTMLDivElement>(null);
  const [focusKey, setFocusKey] = useState('');
  const wantFocus = useRef<string | null>(null);
  const [held, setHeld] = useState<Preview | null>(null);
  const [saving, setSaving] = useState<Preview | null>(null);
  const preview = held ?? saving;

  const built = useMemo(
    () => columns.map((column, i) => buildColumn(column, i, visitsOf(columns, i, preview), now)),
    [columns, preview, now],
  );
  const stops = built.map((b) => b.stops);
  const activeKey = stops.some((s) => s.some((stop) => stop.key === focusKey))
    ? focusKey
    : (stops.flat().find((s) => s.start >= now)?.key ?? stops.find((s) => s.length > 0)?.[0]?.key ?? '');

  const findVisit = (id: string) => {
    const column = columns.findIndex((c) => c.appointments.some((a) => a.id === id));
    const appointment = columns[column]?.appointments.find((a) => a.id === id);
    return appointment ? { column, appointment } : null;
  };

  const visible = useVisibleColumns(grid, columns.length);

  // A column scrolled into view is drawn a render later: focus waits for its element, and only then.
  useLayoutEffect(() => {
    const key = wantFocus.current;
    if (!key) return;
    const element = grid.current?.querySelector<HTMLElement>(`[data-key="${key}"]`);
    const column = stops.findIndex((s) => s.some((stop) => stop.key === key));
    if (!element && column !== -1 && !visible.drawn(column)) return;
    wantFocus.current = null;
    element?.focus();
  });

  const focus = (key: string) => {
    wantFocus.current = key;
    const column = stops.findIndex((s) => s.some((stop) => stop.key === key));
    if (column !== -1) visible.reveal(column);
    setFocusKey(key);
  };

  const describe = (p: Preview) => {
    const column = columns[p.column]!;
    return `${formatTime(new Date(p.start).toISOString(), timezone)} to ${formatTime(new Date(p.end).toISOString(), timezone)}, ${column.label}`;
  };

  // The menu's Move hands the visit to the arrow keys, starting where it is.
  useEffect(() => {
    if (!moving) return;
    const found = findVisit(moving);
    if (!found) return onMoveEnd();
    setHeld({ id: moving, column: found.column, start: Date.parse(found.appointment.start), end: Date.parse(found.appointment.end) });
    focus(blockKey(moving));
    announce(`Moving ${found.appointment.patient.name}. Arrow keys move it, Enter places it, Escape leaves it where it was.`);
    // Only a new Move starts this: the columns re-read while moving must not restart it.
  }, [moving]);

  async function place(id: string, to: Preview) {
    const found = findVisit(id);
    if (!found) return;
    setSaving(to);
    focus(blockKey(id));
    try {
      await onMove(found.appointment, { column: columns[to.column]!, start: to.start, end: to.end });
    } finally {
      setSaving(null);
      focus(blockKey(id));
    }
  }

  const drag = useBlockDrag((drop: Drop) => {
    const found = findVisit(drop.id);
    if (!found) return;
    const from = { column: drop.column, start: Date.parse(found.appointment.start), end: Date.parse(found.appointment.end) };
    const to = shift(columns, from, drop);
    if (to) void place(drop.id, { id: drop.id, ...to });
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (held) {
      const step = ARROWS[event.key];
      if (step) {
        event.preventDefault();
        const to = shift(columns, held, { columns: step[0], rows: step[1] });
        if (to) {
          setHeld({ ...held, ...to });
          announce(describe({ ...held, ...to }));
        }
        focus(blockKey(held.id));
      } else if (event.key === 'Enter' || event.key === 'Escape') {
        event.preventDefault();
        setHeld(null);
        onMoveEnd();
        if (event.key === 'Enter') void place(held.id, held);
        else {
          announce('Move cancelled.');
          focus(blockKey(held.id));
        }
      }
      return;
    }
    const target = event.target as HTMLElement;
    const key = target.dataset.key;
    if (!key) return;
    if ((event.key === 'Enter' || event.key === ' ') && target.dataset.col !== undefined) {
      event.preventDefault();
      target.click();
      return;
    }
    const next = nextStop(stops, key, event.key);
    if (next) {
      event.preventDefault();
      focus(next);
    }
  }

  const style = { '--cols': columns.length, '--rows': rowLabels.length } as CSSProperties;
  return (
    <div
      ref={grid}
      role="grid"
      aria-label={label}
      aria-rowcount={rowLabels.length + 1}
      aria-colcount={columns.length + 1}
      onScroll={visible.measure}
      className="cal"
      style={style}
      onKeyDown={onKeyDown}
      onFocus={(e) => e.target instanceof HTMLElement && e.target.dataset.key && setFocusKey(e.target.dataset.key)}
    >
      <div role="row" className="cal-row">
        <div role="columnheader" className="cal-corner" aria-colindex={1}>
          <span className="visually-hidden">Time</span>
        </div>
        {columns.map((column, c) => (
          <div role="columnheader" key={column.key} className="cal-head" style={{ gridColumn: c + 2 }} aria-colindex={c + 2}>
            {column.heading}
          </div>
        ))}
      </div>
      {rowLabels.map((text, r) => (
        <div role="row" className="cal-row" key={r}>
          <div
            role="rowheader"
            className={text.slice(3, 5) === '00' ? 'cal-time cal-hour' : 'cal-time'}
            style={{ gridRow: r + 2 }}
            aria-colindex={1}
          >
            {text}
          </div>
          {columns.map((column, c) => {
            if (!visible.drawn(c)) return null;
            const state = built[c]!.cells[r]!;
            const start = column.rows[r]!;
            const key = cellKey(c, r);
            const stop = state !== 'busy' && state !== 'skipped';
            return (
              <div
                role="gridcell"
                key={column.key}
                aria-colindex={c + 2}
                className={`cal-cell cal-${state}${text.slice(3, 5) === '00' ? ' cal-hour-start' : ''}`}
                style={{ gridRow: r + 2, gridColumn: c + 2 }}
                data-col={c}
                data-key={stop ? key : undefined}
                tabIndex={stop ? (key === activeKey ? 0 : -1) : undefined}
                aria-label={stop ? `${text}, ${column.label}, ${CELL_WORDS[state]}` : undefined}
                aria-disabled={stop && state !== 'free' ? true : undefined}
                onClick={state === 'free' ? () => onBook(column, start) : undefined}
              >
                {built[c]!.blocksByRow.get(r)?.map((placed) => {
                  const id = placed.appointment.id;
                  const bKey = blockKey(id);
                  return (
                    <AppointmentBlock
                      key={id}
                      placed={placed}
                      rowStart={start}
                      timezone={timezone}
                      focusKey={bKey}
                      tabIndex={bKey === activeKey ? 0 : -1}
                      state={held?.id === id ? 'moving' : saving?.id === id ? 'saving' : undefined}
                      drag={drag.offset?.id === id ? drag.offset : null}
                      onOpen={() => !held && onOpen(placed.appointment, column)}
                      dragHandlers={drag.bind(id, c)}
                    />
                  );
                })}
              </div>
            );
          })}
        </div>
      ))}
      {columns.map((column, c) => {
        const r = rowOf(column.rows, now);
        if (!visible.drawn(c) || r === -1 || now >= column.rows[r]! + ROW_MS) return null;
        const top = `calc(var(--row-h) * ${(now - column.rows[r]!) / ROW_MS})`;
        return (
          <div key={column.key} className="cal-now" aria-hidden="true" style={{ gridRow: r + 2, gridColumn: c + 2, marginTop: top }} />
        );
      })}
    </div>
  );
}
