import { IANAZone } from 'luxon';
import { NotFoundError, ValidationError, type ErrorDetail } from '../errors.js';
import type { NewSite, Site, SiteChanges } from '../store/ports/sites.js';
import type { AppointmentView, Schedule, Store, Weekly } from '../store/store.js';
import type { ClinicHours } from './clinic-time.js';

/** A site as the API shows it: the default's zone is CLINIC_TIMEZONE. */
export type SiteView = Omit<Site, 'timezone'> & { timezone: string };

/** What the rules need of the sites at one moment: each site's zone, and a site by id for an appointment. */
export type SiteBook = {
  hours: ClinicHours;
  /** The site of a window (null: the default site), as an appointment carries it. */
  siteOf: (siteId: string | null) => AppointmentView['site'];
  has: (siteId: string) => boolean;
};

// Sites change rarely; another process's change is seen within this long.
const FRESH_MS = 5_000;

const checkZone = (timezone: string | undefined) => {
  if (timezone !== undefined && !IANAZone.isValidZone(timezone)) {
    throw new ValidationError('Invalid site', [{ path: 'timezone', message: 'must be an IANA time zone such as Europe/London' }]);
  }
};

/** The windows of a schedule that name a site the clinic does not have, as field errors under `prefix`. */
function unknownSites(schedule: Schedule | null | undefined, book: SiteBook, prefix: string): ErrorDetail[] {
  const weeks: Array<[string, Weekly | undefined]> = [
    ['weekly', schedule?.weekly],
    ...(schedule?.rotas ?? []).map((rota, n): [string, Weekly] => [`rotas.${n}.weekly`, rota.weekly]),
  ];
  return weeks.flatMap(([path, weekly]) =>
    Object.entries(weekly ?? {}).flatMap(([day, windows]) =>
      (windows ?? []).flatMap((window, n) =>
        window.siteId && !book.has(window.siteId)
          ? [{ path: `${prefix}${path}.${day}.${n}.siteId`, message: 'is not one of the clinic’s sites' }]
          : [],
      ),
    ),
  );
}

/** The clinic's sites, kept in memory for the rules that read them on every booking. */
export function siteDirectory(store: Store, clinic: ClinicHours, clock: () => number = Date.now) {
  type Loaded = { at: number; book: SiteBook; sites: SiteView[] };
  let cached: Loaded | null = null;
  let loading: Promise<Loaded> | null = null;

  const view = (site: Site): SiteView => ({ ...site, timezone: site.timezone ?? clinic.timezone });

  async function load(): Promise<Loaded> {
    const sites = (await store.sites.list()).map(view);
    const byId = new Map(sites.map((site) => [site.id, site]));
    const fallback = sites.find((site) => site.isDefault)!;
    const siteZones = Object.fromEntries(sites.filter((site) => !site.isDefault).map((site) => [site.id, site.timezone]));
    const siteOf = (siteId: string | null) => {
      const site = (siteId && byId.get(siteId)) || fallback;
      return { id: site.id, name: site.name, timezone: site.isDefault ? null : site.timezone };
    };
    const book: SiteBook = { hours: { ...clinic, siteZones }, siteOf, has: (siteId) => byId.has(siteId) };
    return { at: clock(), book, sites };
  }

  async function current(): Promise<Loaded> {
    if (cached && clock() - cached.at < FRESH_MS) return cached;
    loading ??= load().finally(() => {
      loading = null;
    });
    const loaded = await loading;
    cached = loaded;
    return loaded;
  }

  return {
    book: async () => (await current()).book,
    list: async () => (await current()).sites,
    create: async (input: NewSite) => {
      checkZone(input.timezone);
      const site = await store.sites.create(input);
      cached = null;
      return view(site);
    },
    update: async (id: string, changes: SiteChanges) => {
      checkZone(changes.timezone);
      const existing = await store.sites.get(id);
      if (!existing) throw new NotFoundError('Site not found');
      if (existing.isDefault && changes.timezone !== undefined) {
        throw new ValidationError('Invalid site', [
          { path: 'timezone', message: 'the default site follows CLINIC_TIMEZONE; add a site for another zone' },
        ]);
      }
      const updated = await store.sites.update(id, changes);
      cached = null;
      if (!updated) throw new NotFoundError('Site not found');
      return view(updated);
    },
    /** Refuses a schedule whose windows name a site that does not exist, before anything is written. */
    checkSchedule: async (schedule: Schedule | null | undefined, prefix = '') => {
      const details = unknownSites(schedule, (await current()).book, prefix);
      if (details.length > 0) throw new ValidationError('Invalid schedule', details);
    },
  };
}

export type SiteDirectory = ReturnType<typeof siteDirectory>;
