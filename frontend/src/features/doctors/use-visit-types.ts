import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createVisitType,
  listVisitTypes,
  removeVisitType,
  updateVisitType,
  type NewVisitTypeBody,
  type VisitTypeChangesBody,
} from '../../services/visit-types-api';
import { availabilityKey } from '../booking/use-availability';
import { doctorsKey } from './use-doctors';

const visitTypesKey = (doctorId: string) => [...doctorsKey, 'visit-types', doctorId] as const;

/** The doctor's visit types; none asked for until a doctor is chosen. */
export function useVisitTypes(doctorId: string) {
  return useQuery({ queryKey: visitTypesKey(doctorId), queryFn: () => listVisitTypes(doctorId), enabled: Boolean(doctorId) });
}

// A changed length or buffer changes the free slots offered for it.
function useRefresh(doctorId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: visitTypesKey(doctorId) }),
      queryClient.invalidateQueries({ queryKey: availabilityKey }),
    ]);
}

export function useAddVisitType(doctorId: string) {
  const refresh = useRefresh(doctorId);
  return useMutation({ mutationFn: (input: NewVisitTypeBody) => createVisitType(doctorId, input), onSettled: refresh });
}

export function useChangeVisitType(doctorId: string) {
  const refresh = useRefresh(doctorId);
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: VisitTypeChangesBody }) => updateVisitType(id, changes),
    onSettled: refresh,
  });
}

export function useRemoveVisitType(doctorId: string) {
  const refresh = useRefresh(doctorId);
  return useMutation({ mutationFn: (id: string) => removeVisitType(id), onSettled: refresh });
}
