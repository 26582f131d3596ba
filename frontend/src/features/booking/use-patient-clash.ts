import { useQuery } from '@tanstack/react-query';
import { listAppointments, type Slot } from '../../services/api';
import { appointmentsKey } from '../appointments/use-appointments';

// An appointment lasts at most 8 hours: one starting this long before the slot may still overlap it.
const LONGEST_MS = 8 * 60 * 60 * 1000;

/**
 * After a PATIENT_CONFLICT, the patient's booked appointment that overlaps the slot, so the desk
 * can say with whom and when; null while unknown (the message then names the slot alone).
 */
export function usePatientClash(patientId: string | null, slot: Slot | null, excludeId?: string) {
  const query = useQuery({
    queryKey: [...appointmentsKey, 'clash', patientId, slot?.start, slot?.end],
    enabled: Boolean(patientId && slot),
    queryFn: async () => {
      const from = new Date(Date.parse(slot!.start) - LONGEST_MS).toISOString();
      const page = await listAppointments({ patientId: patientId!, status: 'BOOKED', from, to: slot!.end, limit: 50 });
      return page.items.find((a) => a.id !== excludeId && a.start < slot!.end && slot!.start < a.end) ?? null;
    },
  });
  return query.data ?? null;
}
