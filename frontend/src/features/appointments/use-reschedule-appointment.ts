import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, newIdempotencyKey, rescheduleAppointment } from '../../services/api';
import { availabilityKey } from '../booking/use-availability';
import { appointmentsKey } from './use-appointments';

/** Without `end` the server keeps the appointment's length; with it, the length changes too. */
/** A new time, and optionally another doctor. */
export type RescheduleRequest = { id: string; start: string; end?: string; doctorId?: string };

/** The request may have reached the server even though no answer came back. */
function mayHaveLanded(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

/**
 * Moves an appointment. Like booking, retrying the same move after a lost answer reuses its
 * Idempotency-Key, so the server replays the first result instead of moving it twice.
 */
export function useRescheduleAppointment() {
  const queryClient = useQueryClient();
  const lastAttempt = useRef<{ request: string; key: string } | null>(null);

  return useMutation({
    mutationFn: ({ id, start, end, doctorId }: RescheduleRequest) => {
      const request = JSON.stringify([id, start, end, doctorId]);
      const key = lastAttempt.current?.request === request ? lastAttempt.current.key : newIdempotencyKey();
      lastAttempt.current = { request, key };
      return rescheduleAppointment(id, { start, ...(end ? { end } : {}), ...(doctorId ? { doctorId } : {}) }, key);
    },
    onSuccess: () => {
      lastAttempt.current = null;
    },
    onError: (error) => {
      if (!mayHaveLanded(error)) lastAttempt.current = null;
    },
    // Both lists change on success, and a conflict means the slots shown were already stale.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentsKey }),
        queryClient.invalidateQueries({ queryKey: availabilityKey }),
      ]),
  });
}
