import type { Logger } from '../config/logger.js';

type Options = {
  everyMs: number;
  /** Also run soon after this says something changed; answers how to stop listening. */
  onChange?: (listener: () => void) => () => void;
  /** Asked on each change: whether the change is worth a round of its own. */
  wanted?: () => boolean;
};

/**
 * Runs a worker's `round` every `everyMs`, and after changes, never two at once: a round asked for
 * while one runs follows it. A failed round is logged and the next one tries again. Answers how to
 * stop, which waits for the round in progress.
 */
export function runRounds(round: () => Promise<void>, logger: Logger, name: string, { everyMs, onChange, wanted }: Options) {
  let running: Promise<void> | null = null;
  let again = false;
  const next = () => {
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((error: unknown) => {
        logger.error(`${name} round failed`, { error: String(error) });
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          next();
        }
      });
  };
  const timer = setInterval(next, everyMs);
  timer.unref();
  const unsubscribe = onChange?.(() => {
    if (!wanted || wanted()) next();
  });
  next();
  return async () => {
    clearInterval(timer);
    unsubscribe?.();
    await running;
  };
}
