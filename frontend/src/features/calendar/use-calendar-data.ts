import { useQueries, useQuery } from '@tanstack/react-query';
import { listAppointments, listTimeOff, type Appointment, type TimeOff } from '../../services/api';
import { appointmentsKey } from '../appointments/use-appointments';
import { timeOffKey } from '../doctors/use-time-off';
import { dataArrived } from './render-timing';

// The API answers at most 500 a page; a busy clinic day (20 doctors of 30 visits) has more.
const PAGE = 500;

async function allAppointments(filters: { from: string; to: string; doctorId?: string }): Promise<Appointment[]> {
  const items: Appointment[] = [];
  for (;;) {
    const page = await listAppointments({ ...filters, limit: PAGE, offset: items.length });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) break;
  }
  dataArrived();
  return items;
}

/** Every visit starting in [from, to), under the appointments key, so bookings and live changes re-read it. */
export function useRangeAppointments(from: string, to: string, doctorId?: string) {
  return useQuery({
    queryKey: [...appointmentsKey, 'range', { from, to, doctorId }],
    queryFn: () => allAppointments({ from, to, doctorId }),
  });
}

/** Each doctor's time off overlapping [from, to), by doctor id. */
export function useRangeTimeOff(doctorIds: string[], from: string, to: string) {
  return useQueries({
    queries: doctorIds.map((id) => ({
      queryKey: [...timeOffKey(id), { from, to }],
      queryFn: async () => {
        const list = await listTimeOff(id, from, to);
        dataArrived();
        return list;
      },
    })),
    combine: (results) => ({
      byDoctor: new Map<string, TimeOff[]>(doctorIds.map((id, i) => [id, results[i]?.data ?? []])),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
      refetch: () => results.forEach((r) => void r.refetch()),
    }),
  });
}
