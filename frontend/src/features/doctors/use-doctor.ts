import { useQuery } from '@tanstack/react-query';
import { getDoctor } from '../../services/api';
import { doctorsKey } from './use-doctors';

export function useDoctor(id: string | null) {
  return useQuery({
    queryKey: [...doctorsKey, 'one', id],
    queryFn: () => getDoctor(id ?? ''),
    enabled: id !== null,
  });
}
