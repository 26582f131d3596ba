import { useEffect, useRef } from 'react';

/**
 * Gives focus back to the button that opened a dialog once it closes, so a keyboard user goes on
 * from where they were instead of from the top of the page.
 */
export function useReturnFocus(open: boolean) {
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = opener.current;
    if (open || !element) return;
    opener.current = null;
    if (element.isConnected) element.focus();
  }, [open]);
  return {
    from: (element: HTMLElement) => {
      opener.current = element;
    },
  };
}
