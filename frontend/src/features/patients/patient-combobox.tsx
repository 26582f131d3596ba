import './patient-combobox.css';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { formatDate } from '../../lib/time';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import type { Patient } from '../../services/api';
import { usePatientSearch } from './use-patient-search';

/** The server counts at most this many matches of a search (GET /api/patients?q=). */
const SEARCH_MATCH_CAP = 1000;

/** What tells two patients of one name apart at the desk. */
function details(patient: Patient): string {
  const parts = [patient.dateOfBirth ? `born ${formatDate(patient.dateOfBirth)}` : null, patient.email ?? patient.phone];
  return parts.filter(Boolean).join(' · ');
}

/**
 * A patient chosen by searching the server as one types (WAI-ARIA combobox with a listbox
 * popup): arrow keys move through the matches, Enter chooses, Escape closes the list, then clears.
 */
export function PatientCombobox({
  value,
  onChange,
  error,
}: {
  value: Patient | null;
  onChange: (patient: Patient | null) => void;
  error?: string;
}) {
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const q = useDebouncedValue(text.trim(), 200);
  const search = usePatientSearch(open ? q : '');
  const matches = open && q ? (search.data?.items ?? []) : [];
  const expanded = matches.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;

  // A patient chosen elsewhere (e.g. "book again") shows by name.
  useEffect(() => {
    if (value) setText(value.name);
  }, [value]);

  // New matches, or the list opening again, start with nothing highlighted.
  useEffect(() => setActive(-1), [search.data, open]);

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
  });

  function choose(patient: Patient) {
    onChange(patient);
    setText(patient.name);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      if (!expanded) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      // Enter chooses the highlighted patient; it does not submit the form.
      event.preventDefault();
      choose(matches[active]!);
    } else if (event.key === 'Escape') {
      // Inside a dialog the first Escape closes only the list.
      if (open) {
        event.preventDefault();
        setOpen(false);
      } else if (text) {
        event.preventDefault();
        setText('');
        onChange(null);
      }
    }
  }

  const typed = open && q.length > 0;
  const status = !typed
    ? ''
    : search.isPending
      ? 'Searching…'
      : search.data && search.data.total === 0
        ? `No patient matches “${q}”. Add them on the Patients page.`
        : search.data && search.data.total > matches.length
          ? `${search.data.total >= SEARCH_MATCH_CAP ? `At least ${SEARCH_MATCH_CAP}` : search.data.total} patients match; the first ${matches.length} are listed. Type more to narrow.`
          : `${matches.length} ${matches.length === 1 ? 'patient matches' : 'patients match'}.`;

  return (
    <Field label="Patient" hint="Type a name, email, phone or birth date (YYYY-MM-DD)" error={error}>
      {(p) => (
        <div className="combobox">
          <input
            {...p}
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
            autoComplete="off"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
              if (value) onChange(null);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          <ul id={listId} role="listbox" aria-label="Matching patients" className="combobox-list" hidden={!expanded}>
            {matches.map((patient, index) => (
              <li
                key={patient.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className="combobox-option"
                // mousedown would blur the input and close the list before the click lands.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(patient)}
              >
                <span className="combobox-name">{patient.name}</span> <span className="muted">{details(patient)}</span>
              </li>
            ))}
          </ul>
          <p role="status" className="combobox-status muted">
            {status}
          </p>
          {search.isError && typed && <ErrorAlert title="The patients could not be searched." error={search.error} />}
        </div>
      )}
    </Field>
  );
}
