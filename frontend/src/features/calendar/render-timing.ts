import { useEffect } from 'react';

// performance marks for the grid's speed budget (data in hand to grid on screen, under 150 ms
// for 20 doctors of 30 visits); e2e/measure-grid.mjs reads them. The mark is set when a read
// resolves; the measure once the render it causes has been painted.
let arrived = false;

export function dataArrived(): void {
  performance.mark('calendar:data');
  arrived = true;
}

export function useRenderTiming(ready: boolean): void {
  useEffect(() => {
    if (!ready || !arrived) return;
    arrived = false;
    // The frame after this commit, once it has been painted.
    requestAnimationFrame(() => setTimeout(() => performance.measure('calendar:render', 'calendar:data')));
  });
}
