/** Sites: the places a doctor works, each with its own time zone. */

export type Site = {
  id: string;
  name: string;
  address: string | null;
  /** An IANA zone; null only for the default site, which follows CLINIC_TIMEZONE. */
  timezone: string | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type NewSite = { name: string; address: string | null; timezone: string };
export type SiteChanges = Partial<{ name: string; address: string | null; timezone: string }>;

export interface SiteRepository {
  /** Every site, the default first, then by name. */
  list(): Promise<Site[]>;
  get(id: string): Promise<Site | null>;
  create(input: NewSite): Promise<Site>;
  update(id: string, changes: SiteChanges): Promise<Site | null>;
}
