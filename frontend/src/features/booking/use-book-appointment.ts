import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, bookAppointment, newIdempotencyKey, type Availability, type NewAppointment } from '../../services/api';
import { appointmentsKey } from '../appointments/use-appointments';
import { availabilityKey, availabilityQueryKey } from './use-availability';

export type BookingRequest = { body: NewAppointment; date: string };

/** The request may have reached the server even though no answer came back. */
function mayHaveLanded(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

/**
 * Books a slot. Retrying the very same booking after a lost answer reuses its Idempotency-Key,
 * so the server replays the first result instead of booking twice.
 */
export function useBookAppointment() {
  const queryClient = useQueryClient();
  const lastAttempt = useRef<{ body: string; key: string } | null>(null);

  return useMutation({
    mutationFn: ({ body }: BookingRequest) => {
      const serialised = JSON.stringify(body);
      const key = lastAttempt.current?.body === serialised ? lastAttempt.current.key : newIdempotencyKey();
      lastAttempt.current = { body: serialised, key };
      return bookAppointment(body, key);
    },
    onSuccess: (_booked, { body, date }) => {
      lastAttempt.current = null;
      queryClient.setQueryData<Availability>(
        availabilityQueryKey({ doctorId: body.doctorId, date, patientId: body.patientId }),
        (current) => current && { ...current, slots: current.slots.filter((s) => s.start !== body.start) },
      );
    },
    onError: (error) => {
      if (!mayHaveLanded(error)) lastAttempt.current = null;
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: availabilityKey }),
        queryClient.invalidateQueries({ queryKey: appointmentsKey }),
      ]),
  });
}
