/** A place the grid's focus can rest: an empty cell or a visit, with the time it covers. */
export type Stop = { key: string; start: number; end: number };

function locate(columns: Stop[][], key: string): [number, number] | null {
  for (let c = 0; c < columns.length; c += 1) {
    const i = columns[c]!.findIndex((stop) => stop.key === key);
    if (i !== -1) return [c, i];
  }
  return null;
}

/** In a neighbouring column, the stop at the same time: the one covering it, else the nearest. */
function sameTime(stops: Stop[], at: number): Stop | undefined {
  const covering = stops.find((s) => s.start <= at && at < s.end);
  if (covering) return covering;
  return [...stops].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
}

/**
 * Where an arrow key (or Home/End) takes the focus from `key` (roving tabindex): up and down
 * through one column's cells and visits in time order, left and right to the same time in the
 * next column. Null when the key does not move it.
 */
export function nextStop(columns: Stop[][], key: string, pressed: string): string | null {
  const at = locate(columns, key);
  if (!at) return columns.find((c) => c.length > 0)?.[0]?.key ?? null;
  const [c, i] = at;
  const column = columns[c]!;
  switch (pressed) {
    case 'ArrowUp':
      return column[i - 1]?.key ?? null;
    case 'ArrowDown':
      return column[i + 1]?.key ?? null;
    case 'Home':
      return column[0]?.key ?? null;
    case 'End':
      return column[column.length - 1]?.key ?? null;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = pressed === 'ArrowLeft' ? -1 : 1;
      for (let n = c + step; n >= 0 && n < columns.length; n += step) {
        const found = sameTime(columns[n]!, column[i]!.start);
        if (found) return found.key;
      }
      return null;
    }
    default:
      return null;
  }
}
