import { lazy, Suspense } from 'react';

// The grid and its dialogs are a chunk of their own, kept out of the first load's budget.
const DayView = lazy(() => import('../calendar/day-view'));

/** The desk's home: today's clinic on a time grid. */
export function SchedulePage() {
  return (
    <>
      <title>Schedule · Clinic desk</title>
      <h1>Schedule</h1>
      <Suspense fallback={<p className="muted">Loading the calendar…</p>}>
        <DayView />
      </Suspense>
    </>
  );
}
