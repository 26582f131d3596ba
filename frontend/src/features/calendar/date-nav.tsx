import { Field } from '../../components/field';
import { addDays, todayInZone } from '../../lib/time';

/** The date picker with previous, today and next, a day or a week at a time. */
export function DateNav({
  date,
  timezone,
  unit,
  onChange,
}: {
  date: string;
  timezone: string;
  unit: 'day' | 'week';
  onChange: (date: string) => void;
}) {
  const step = unit === 'day' ? 1 : 7;
  return (
    <>
      <Field label="Date" hint={`Clinic time (${timezone})`}>
        {(p) => <input {...p} type="date" value={date} onChange={(e) => e.target.value && onChange(e.target.value)} />}
      </Field>
      <div className="day-nav">
        <button type="button" className="button-secondary" onClick={() => onChange(addDays(date, -step))}>
          Previous {unit}
        </button>
        <button type="button" className="button-secondary" onClick={() => onChange(todayInZone(timezone))}>
          {unit === 'day' ? 'Today' : 'This week'}
        </button>
        <button type="button" className="button-secondary" onClick={() => onChange(addDays(date, step))}>
          Next {unit}
        </button>
      </div>
    </>
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The `?date=` of the address when it is a date, else today in the clinic. */
export function dateParam(params: URLSearchParams, timezone: string): string {
  const value = params.get('date') ?? '';
  return DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : todayInZone(timezone);
}
