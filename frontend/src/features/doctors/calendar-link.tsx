import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { rotateCalendarKey } from '../../services/api';
import { doctorsKey } from './use-doctors';

/**
 * The doctor's calendar feed URL, to paste into a calendar app: its key is the credential, so it
 * can be copied, and replaced when it has been shared too widely (the old URL stops at once).
 */
export function CalendarLink({ doctorId, calendarUrl }: { doctorId: string; calendarUrl: string }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const rotate = useMutation({
    mutationFn: () => rotateCalendarKey(doctorId),
    onSuccess: async () => {
      setStatus('A new link is ready; the old one no longer works.');
      await queryClient.invalidateQueries({ queryKey: doctorsKey });
    },
  });

  async function copy() {
    try {
      await navigator.clipboard.writeText(calendarUrl);
      setStatus('Copied to the clipboard.');
    } catch {
      setStatus('Copying is blocked here: select the link and copy it by hand.');
    }
  }

  return (
    <section aria-labelledby="calendar-heading" className="card">
      <h2 id="calendar-heading">Calendar feed</h2>
      <Field label="Calendar link" hint="Subscribe to it in a calendar app. Anyone with the link sees first names and times.">
        {(p) => <input {...p} type="text" readOnly value={calendarUrl} onFocus={(e) => e.target.select()} />}
      </Field>
      <div className="row-actions">
        <button type="button" className="button-secondary" onClick={() => void copy()}>
          Copy link
        </button>
        <button type="button" className="button-secondary" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
          Replace link
        </button>
      </div>
      <p role="status" className="form-status">
        {rotate.isPending ? 'Replacing the link…' : status}
      </p>
      {rotate.isError && <ErrorAlert title="The link was not replaced." error={rotate.error} />}
    </section>
  );
}
