import { useSyncExternalStore } from 'react';

const QUERY = '(max-width: 40rem)';

/** Whether the window is phone-narrow: the grid then shows one column at a time. */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia?.(QUERY);
      list?.addEventListener('change', onChange);
      return () => list?.removeEventListener('change', onChange);
    },
    () => window.matchMedia?.(QUERY).matches ?? false,
  );
}
