import type { ReactNode } from 'react';
import { formatInstantDay, formatTime, formatTimeRange } from '../../lib/time';
import './public-page.css';

/** The frame of a page a patient opens from a link: no menu, no sign-in, one column on a phone. */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <p className="site-title">Clinic</p>
      </header>
      <main id="main" className="public-page">
        <title>{`${title} · Clinic`}</title>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}

/** Where and when, in the site's own zone: the time the patient must turn up at. */
export function VisitDetails({
  start,
  end,
  doctor,
  visitType,
  site,
}: {
  start: string;
  end: string;
  doctor: { name: string; specialty: string };
  visitType: { name: string } | null;
  site: { name: string; address: string | null; timezone: string };
}) {
  return (
    <dl className="visit-details card">
      <dt>When</dt>
      <dd>
        <span className="visit-when">{formatWhen(start, end, site.timezone)}</span>
        <span className="muted"> ({site.timezone.replace(/_/g, ' ')} time)</span>
      </dd>
      <dt>With</dt>
      <dd>
        {doctor.name}, {doctor.specialty}
      </dd>
      {visitType && (
        <>
          <dt>Visit</dt>
          <dd>{visitType.name}</dd>
        </>
      )}
      <dt>Where</dt>
      <dd>
        {site.name}
        {site.address && <span className="visit-address">{site.address}</span>}
      </dd>
    </dl>
  );
}

/** "Thu 3 Dec 2026, 10:00" in the zone given. */
export function formatMoment(iso: string, timeZone: string): string {
  return `${formatInstantDay(iso, timeZone)}, ${formatTime(iso, timeZone)}`;
}

/** "Thu 3 Dec 2026, 10:00–10:30" in the zone given. */
export function formatWhen(start: string, end: string, timeZone: string): string {
  return `${formatInstantDay(start, timeZone)}, ${formatTimeRange(start, end, timeZone)}`;
}

/** A finished step or a state that leaves nothing to do, announced to screen readers. */
export function Outcome({ tone, title, children }: { tone: 'ok' | 'info'; title: string; children?: ReactNode }) {
  return (
    <div role="status" className={`outcome outcome-${tone}`}>
      <p className="outcome-title">{title}</p>
      {children}
    </div>
  );
}
