import { useEffect, useState } from 'react';

/** "1 h 04 min" or "3 min 20 s" left until `until`; "0 s" once it has passed. */
export function timeLeft(until: string, now: number): string {
  const seconds = Math.max(0, Math.floor((Date.parse(until) - now) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

/**
 * Counts down to the end of the hold, once a second; calls `onEnd` when it runs out so the page can
 * stop offering Accept. Screen readers are not told every tick (no live region): the text is read
 * when reached.
 */
export function HoldCountdown({ until, onEnd }: { until: string; onEnd: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  const ended = Date.parse(until) <= now;
  useEffect(() => {
    if (ended) {
      onEnd();
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ended, onEnd]);
  return <span className="hold-countdown">{timeLeft(until, now)}</span>;
}
