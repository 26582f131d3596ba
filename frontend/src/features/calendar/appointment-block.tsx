import type { CSSProperties, HTMLAttributes } from 'react';
import { formatTimeRange } from '../../lib/time';
import { StatusBadge } from '../appointments/appointment-table';
import { holdsTime, ROW_MS, type Placed } from './layout';
import type { DragOffset } from './use-block-drag';

/**
 * A visit on the grid, drawn from the row it starts in down over its length; visits that overlap
 * share the width side by side. It is a button: pressing it (or Enter) opens its menu.
 */
export function AppointmentBlock({
  placed,
  rowStart,
  timezone,
  focusKey,
  tabIndex,
  state,
  drag,
  onOpen,
  dragHandlers,
}: {
  placed: Placed;
  rowStart: number;
  timezone: string;
  focusKey: string;
  tabIndex: number;
  /** `moving`: held by the keyboard; `saving`: its move is on the way. */
  state?: 'moving' | 'saving';
  drag: DragOffset | null;
  onOpen: () => void;
  dragHandlers: HTMLAttributes<HTMLElement>;
}) {
  const { appointment: a, lane, lanes, share } = placed;
  const movable = a.status === 'BOOKED';
  const style: CSSProperties = {
    top: `calc(var(--row-h) * ${Math.max(0, placed.start - rowStart) / ROW_MS})`,
    height: `calc(var(--row-h) * ${(placed.end - Math.max(placed.start, rowStart)) / ROW_MS} - 2px${drag ? ` + ${drag.dh}px` : ''})`,
    left: `${((lane * share) / lanes) * 100}%`,
    width: `calc(${(share / lanes) * 100}% - 2px)`,
    ...(drag ? { transform: `translate(${drag.dx}px, ${drag.dy}px)`, zIndex: 5 } : {}),
  };
  const classes = ['cal-block', `cal-block-${a.status.toLowerCase().replace('_', '-')}`, holdsTime(a) ? '' : 'cal-block-inactive'];
  if (state) classes.push(`cal-block-${state}`);
  if (drag) classes.push('cal-block-dragging');
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(' ')}
      style={style}
      data-key={focusKey}
      data-id={a.id}
      tabIndex={tabIndex}
      aria-haspopup="dialog"
      onClick={(e) => {
        // The cell beneath may be free to book (beside a cancelled visit): this click is the block's.
        e.stopPropagation();
        onOpen();
      }}
      {...(movable ? dragHandlers : {})}
    >
      <b>
        {formatTimeRange(a.start, a.end, timezone)} {a.patient.name}
      </b>
      {a.visitType && ` · ${a.visitType.name}`}
      {a.reason && ` · ${a.reason}`} <StatusBadge status={a.status} />
      {state === 'saving' && <span className="visually-hidden"> (moving…)</span>}
    </button>
  );
}
