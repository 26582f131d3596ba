import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createPatient } from '../../services/api';
import { patientsKey } from './use-patients';

export function useCreatePatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPatient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientsKey }),
  });
}
