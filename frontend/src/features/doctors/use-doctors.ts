import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listDoctors } from '../../services/api';

export const doctorsKey = ['doctors'] as const;

/** All doctors matching a name search; the clinic's roster fits in one page of 500. */
export function useDoctors(q = '') {
  return useQuery({
    queryKey: [...doctorsKey, { q }],
    queryFn: () => listDoctors({ q: q || undefined, limit: 500 }),
    placeholderData: keepPreviousData,
  });
}
