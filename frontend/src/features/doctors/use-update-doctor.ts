import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateDoctor, type DoctorChanges } from '../../services/api';
import { appointmentsKey } from '../appointments/use-appointments';
import { availabilityKey } from '../booking/use-availability';
import { doctorsKey } from './use-doctors';

export function useUpdateDoctor(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: DoctorChanges) => updateDoctor(id, changes),
    // A new slot length changes the free slots; appointments carry the doctor's name.
    onSuccess: () =>
      Promise.all([doctorsKey, appointmentsKey, availabilityKey].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}
