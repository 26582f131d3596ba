import { lazy, Suspense } from 'react';

// The grid is a chunk of its own, kept out of the first load's budget.
const WeekView = lazy(() => import('./week-view'));

/** /doctors/:id/week: one doctor's week on the time grid. */
export function WeekPage() {
  return (
    <Suspense fallback={<p className="muted">Loading the calendar…</p>}>
      <WeekView />
    </Suspense>
  );
}
