import { Field } from '../../components/field';
import { WEEKDAYS, type WaitlistWindow, type Weekday } from '../../services/waitlist-api';

/** A row as edited: 'date' means one day, else every such weekday. */
export type WindowRow = { key: number; day: Weekday | 'date'; date: string; start: string; end: string };

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

let nextKey = 0;
export const newWindowRow = (): WindowRow => ({ key: (nextKey += 1), day: 'mon', date: '', start: '09:00', end: '12:00' });

/** The rows as the API takes them: a weekday or a date, never both. */
export const toWindows = (rows: WindowRow[]): WaitlistWindow[] =>
  rows.map(({ day, date, start, end }) => (day === 'date' ? { date, start, end } : { weekday: day, start, end }));

/** What is wrong with a row, keyed `<row key>.<field>`; 'HH:mm' text compares in time order. */
export function windowErrors(rows: WindowRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const row of rows) {
    if (row.day === 'date' && !row.date) errors[`${row.key}.date`] = 'Choose a date';
    if (!row.start) errors[`${row.key}.start`] = 'Enter a time';
    if (!row.end) errors[`${row.key}.end`] = 'Enter a time';
    else if (row.start && row.end <= row.start) errors[`${row.key}.end`] = 'Must be after the start';
  }
  return errors;
}

export function WindowsEditor({
  rows,
  errors,
  onChange,
}: {
  rows: WindowRow[];
  errors: Record<string, string>;
  onChange: (rows: WindowRow[]) => void;
}) {
  const update = (key: number, change: Partial<WindowRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <fieldset className="waitlist-windows">
      <legend>When the patient could come</legend>
      {rows.map((row, index) => (
        <fieldset key={row.key} className="waitlist-window">
          <legend>Time {index + 1}</legend>
          <Field label="Day">
            {(p) => (
              <select {...p} value={row.day} onChange={(e) => update(row.key, { day: e.target.value as WindowRow['day'] })}>
                {WEEKDAYS.map((day) => (
                  <option key={day} value={day}>
                    {DAY_NAMES[day]}
                  </option>
                ))}
                <option value="date">One date</option>
              </select>
            )}
          </Field>
          {row.day === 'date' && (
            <Field label="Date" error={errors[`${row.key}.date`]}>
              {(p) => <input {...p} type="date" value={row.date} onChange={(e) => update(row.key, { date: e.target.value })} />}
            </Field>
          )}
          <Field label="From" error={errors[`${row.key}.start`]}>
            {(p) => <input {...p} type="time" value={row.start} onChange={(e) => update(row.key, { start: e.target.value })} />}
          </Field>
          <Field label="Until" error={errors[`${row.key}.end`]}>
            {(p) => <input {...p} type="time" value={row.end} onChange={(e) => update(row.key, { end: e.target.value })} />}
          </Field>
          {rows.length > 1 && (
            <button type="button" className="button-secondary" onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
              Remove time {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" className="button-secondary" onClick={() => onChange([...rows, newWindowRow()])}>
        Add another time
      </button>
    </fieldset>
  );
}
