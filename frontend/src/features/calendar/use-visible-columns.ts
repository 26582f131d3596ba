import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/** The narrowest a column gets (9.5rem in calendar.css): the most columns a width can show. */
const MIN_COLUMN_PX = 152;
/** main's max-width (80rem in styles.css). */
const MAX_PAGE_PX = 1280;
/** The hours' column (3.5rem) and main's side padding (2rem). */
const BESIDE_COLUMNS_PX = 88;

function rangeOf(scrollLeft: number, width: number, columnWidth: number, count: number): [number, number] {
  return [Math.max(0, Math.floor(scrollLeft / columnWidth)), Math.min(count - 1, Math.ceil((scrollLeft + width) / columnWidth) - 1)];
}

/**
 * Which columns' cells and blocks are drawn: those in the grid's scrolled view. Twenty doctors are three screens wide; drawing only the one in view is what keeps the
 * day within its render budget. Headers are always drawn, and the grid says how many columns
 * there are (aria-colcount), so nothing is hidden from a screen reader's count.
 */
export function useVisibleColumns(grid: RefObject<HTMLDivElement | null>, count: number) {
  // Before the first measure: as many as the page (at most 80rem wide, as main is) could show
  // beside the hours.
  const [range, setRange] = useState<[number, number]>(() =>
    rangeOf(0, Math.min(typeof window === 'undefined' ? 1024 : window.innerWidth, MAX_PAGE_PX) - BESIDE_COLUMNS_PX, MIN_COLUMN_PX, count),
  );

  const geometry = useCallback(() => {
    const el = grid.current;
    const head = el?.querySelector<HTMLElement>('.cal-head');
    const corner = el?.querySelector<HTMLElement>('.cal-corner');
    if (!el || !head || !corner) return null;
    return { el, column: head.getBoundingClientRect().width || MIN_COLUMN_PX, time: corner.getBoundingClientRect().width };
  }, [grid]);

  const measure = useCallback(() => {
    const g = geometry();
    if (!g) return;
    const next = rangeOf(g.el.scrollLeft, g.el.clientWidth - g.time, g.column, count);
    // Columns already drawn stay drawn while they cover the view: a second render of the whole
    // grid right after the first (its first measure) would cost more than a spare column.
    setRange((current) => (current[0] <= next[0] && next[1] <= current[1] ? current : next));
  }, [geometry, count]);

  useLayoutEffect(() => {
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);

  /** Scrolls a column into the grid's view (the keyboard went there) and draws it. */
  const reveal = (column: number) => {
    const g = geometry();
    if (!g) return;
    const left = column * g.column;
    const view = g.el.clientWidth - g.time;
    if (left < g.el.scrollLeft) g.el.scrollLeft = left;
    else if (left + g.column > g.el.scrollLeft + view) g.el.scrollLeft = left + g.column - view;
    measure();
  };

  return { drawn: (column: number) => column >= range[0] && column <= range[1], measure, reveal };
}
