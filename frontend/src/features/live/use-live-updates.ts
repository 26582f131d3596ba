import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useClinic } from '../../lib/clinic-config';
import { formatInstantDay, formatTime } from '../../lib/time';
import { openLiveStream, type LiveChange } from '../../services/api';
import { availabilityKey } from '../booking/use-availability';
import { appointmentsKey } from '../appointments/use-appointments';

const WHAT: Record<LiveChange['type'], string> = {
  'appointment.booked': 'Booked',
  'appointment.cancelled': 'Cancelled',
  'appointment.rescheduled': 'Moved',
  'appointment.checked_in': 'Checked in',
  'appointment.completed': 'Completed',
  'appointment.no_show': 'No-show',
};

/**
 * Keeps every open list, calendar and slot picker true to changes made elsewhere (another desk,
 * another tab, an integrator): each change re-reads the appointment and availability queries,
 * and the latest one is returned as a sentence for a polite live region.
 */
export function useLiveUpdates(): string {
  const queryClient = useQueryClient();
  const { timezone } = useClinic();
  const [latest, setLatest] = useState('');
  useEffect(() => {
    const refresh = () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentsKey }),
        queryClient.invalidateQueries({ queryKey: availabilityKey }),
      ]);
    return openLiveStream({
      onChange: ({ type, appointment: a }) => {
        void refresh();
        const when = `${formatInstantDay(a.start, timezone)} ${formatTime(a.start, timezone)}`;
        setLatest(`${WHAT[type]}: ${a.patient.name} with ${a.doctor.name}, ${when}.`);
      },
      onReset: () => void refresh(),
    });
  }, [queryClient, timezone]);
  return latest;
}
