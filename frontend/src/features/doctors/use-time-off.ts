import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addTimeOff, listTimeOff, removeTimeOff, type NewTimeOffBody } from '../../services/api';
import { availabilityKey } from '../booking/use-availability';
import { doctorsKey } from './use-doctors';

export const timeOffKey = (doctorId: string) => [...doctorsKey, 'time-off', doctorId] as const;

/** Time off that has not ended by `from`, read once per page visit so the list does not shift. */
export function useTimeOff(doctorId: string, from: string) {
  return useQuery({ queryKey: [...timeOffKey(doctorId), from], queryFn: () => listTimeOff(doctorId, from) });
}

// Time off changes the doctor's free slots (and its version, which bookings check).
function useRefresh(doctorId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: timeOffKey(doctorId) }),
      queryClient.invalidateQueries({ queryKey: availabilityKey }),
      queryClient.invalidateQueries({ queryKey: [...doctorsKey, 'one', doctorId] }),
    ]);
}

export function useAddTimeOff(doctorId: string) {
  const refresh = useRefresh(doctorId);
  return useMutation({ mutationFn: (input: NewTimeOffBody) => addTimeOff(doctorId, input), onSettled: refresh });
}

export function useRemoveTimeOff(doctorId: string) {
  const refresh = useRefresh(doctorId);
  return useMutation({ mutationFn: (id: string) => removeTimeOff(id), onSettled: refresh });
}
