import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updatePatient, type PatientChanges } from '../../services/api';
import { appointmentsKey } from '../appointments/use-appointments';
import { patientsKey } from './use-patients';

export function useUpdatePatient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: PatientChanges) => updatePatient(id, changes),
    // Appointments carry the patient's name, so they are read again too.
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: patientsKey }), queryClient.invalidateQueries({ queryKey: appointmentsKey })]),
  });
}
