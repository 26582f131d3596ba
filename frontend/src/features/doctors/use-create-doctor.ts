import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createDoctor } from '../../services/api';
import { doctorsKey } from './use-doctors';

export function useCreateDoctor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDoctor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: doctorsKey }),
  });
}
