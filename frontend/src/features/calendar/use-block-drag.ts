import { useRef, useState, type MouseEvent, type PointerEvent } from 'react';

/** How far a dragged block is drawn from its place, in pixels, while the pointer is down. */
export type DragOffset = { id: string; dx: number; dy: number; dh: number };
export type Drop = { id: string; column: number; columns: number; rows: number; resize: boolean };

type Origin = {
  id: string;
  column: number;
  resize: boolean;
  x: number;
  y: number;
  rowHeight: number;
  cellLeft: number;
  moved: boolean;
};

// Below this many pixels a press is a click that opens the block's menu, not a drag.
const THRESHOLD = 5;
/** How tall the strip at a block's bottom edge is that changes its length, in pixels. */
export const RESIZE_EDGE = 6;

const cellUnder = (x: number, y: number) =>
  document.elementsFromPoint(x, y).find((el): el is HTMLElement => el instanceof HTMLElement && el.dataset.col !== undefined);

/**
 * Dragging a block with a pointer (mouse, pen or touch): the block follows in whole rows and
 * columns, and on release `onDrop` gets how far it went. Pressing its bottom edge changes its
 * length instead. Everything else stays with the click.
 */
export function useBlockDrag(onDrop: (drop: Drop) => void) {
  const [offset, setOffset] = useState<DragOffset | null>(null);
  const origin = useRef<Origin | null>(null);
  const dragged = useRef(false);
  const target = useRef({ columns: 0, rows: 0 });

  function bind(id: string, column: number) {
    return {
      onPointerDown: (e: PointerEvent<HTMLElement>) => {
        if (e.button !== 0) return;
        const cell = e.currentTarget.closest<HTMLElement>('[data-col]');
        if (!cell) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        // The bottom edge (drawn by the block's ::after) is a strip, not an element: 600 blocks, 600 fewer nodes.
        const edge = e.currentTarget.getBoundingClientRect();
        const resize = e.clientY > edge.bottom - RESIZE_EDGE;
        const rect = cell.getBoundingClientRect();
        origin.current = { id, column, resize, x: e.clientX, y: e.clientY, rowHeight: rect.height, cellLeft: rect.left, moved: false };
        target.current = { columns: 0, rows: 0 };
      },
      onPointerMove: (e: PointerEvent<HTMLElement>) => {
        const o = origin.current;
        if (!o) return;
        const dx = e.clientX - o.x;
        const dy = e.clientY - o.y;
        if (!o.moved && Math.abs(dx) + Math.abs(dy) < THRESHOLD) return;
        o.moved = true;
        const rows = Math.round(dy / o.rowHeight);
        if (o.resize) {
          target.current = { columns: 0, rows };
          setOffset({ id, dx: 0, dy: 0, dh: rows * o.rowHeight });
          return;
        }
        const over = cellUnder(e.clientX, e.clientY);
        const columns = over ? Number(over.dataset.col) - o.column : target.current.columns;
        const left = over ? over.getBoundingClientRect().left - o.cellLeft : (offset?.dx ?? 0);
        target.current = { columns, rows };
        setOffset({ id, dx: left, dy: rows * o.rowHeight, dh: 0 });
      },
      onPointerUp: () => {
        const o = origin.current;
        origin.current = null;
        setOffset(null);
        if (!o?.moved) return;
        dragged.current = true;
        if (target.current.columns !== 0 || target.current.rows !== 0) {
          onDrop({ id: o.id, column: o.column, ...target.current, resize: o.resize });
        }
      },
      onPointerCancel: () => {
        origin.current = null;
        setOffset(null);
      },
      /** The click that ends a drag is not a click on the block. */
      onClickCapture: (e: MouseEvent<HTMLElement>) => {
        if (!dragged.current) return;
        dragged.current = false;
        e.preventDefault();
        e.stopPropagation();
      },
    };
  }

  return { offset, bind };
}
