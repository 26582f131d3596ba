import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useClinic } from '../../lib/clinic-config';
import { formatInstantDay, formatTime } from '../../lib/time';
import { openLiveStream, type LiveChange } from '../../services/api';
import { availabilityKey } from '../booking/use-availability';
import { appointmentsKey } from '../appointments/use-appointments';

const WAIT_MS = 200;
const MAX_WAITS = 25;

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
 * and the latest one made elsewhere is returned as a sentence for a polite live region.
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
    const mutations = queryClient.getMutationCache();
    // This tab's own change is announced by the form that made it: saying it twice is noise.
    // Its answer may still be on the way when the event comes, so wait for this tab's writes first.
    const announce = (change: LiveChange, waits = 0) => {
      if (waits < MAX_WAITS && mutations.getAll().some((m) => m.state.status === 'pending')) {
        setTimeout(() => announce(change, waits + 1), WAIT_MS);
        return;
      }
      const mine = mutations
        .getAll()
        .some((m) => m.state.status === 'success' && (m.state.data as { id?: string } | undefined)?.id === change.appointment.id);
      if (mine) return;
      const { type, appointment: a } = change;
      const when = `${formatInstantDay(a.start, timezone)} ${formatTime(a.start, timezone)}`;
      setLatest(`${WHAT[type]}: ${a.patient.name} with ${a.doctor.name}, ${when}.`);
    };
    return openLiveStream({
      onChange: (change) => {
        void refresh();
        announce(change);
      },
      onReset: () => void refresh(),
    });
  }, [queryClient, timezone]);
  return latest;
}
