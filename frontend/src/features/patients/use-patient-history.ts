import { useQuery } from '@tanstack/react-query';
import { listAppointments, listPatientAppointments } from '../../services/api';
import { appointmentsKey } from '../appointments/use-appointments';

const SHOWN = 50;

/** A patient's coming appointments, soonest first, and their past ones, latest first. */
export function usePatientHistory(patientId: string, now: string) {
  const upcoming = useQuery({
    queryKey: [...appointmentsKey, 'patient', patientId, 'upcoming', now],
    queryFn: () => listAppointments({ patientId, from: now, limit: SHOWN }),
  });
  const past = useQuery({
    queryKey: [...appointmentsKey, 'patient', patientId, 'past', now],
    queryFn: async () => {
      const page = await listPatientAppointments(patientId, { limit: SHOWN });
      return page.items.filter((a) => a.start < now);
    },
  });
  return { upcoming, past };
}
