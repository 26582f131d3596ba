import type { Site, SiteRepository } from '../ports/sites.js';
import type { SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';
import { newId } from './ids.js';
import { isSqlId } from './rows.js';

type SiteRow = {
  id: string;
  name: string;
  address: string | null;
  timezone: string | null;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
};

const toSite = (row: SiteRow): Site => ({
  id: row.id,
  name: row.name,
  address: row.address,
  timezone: row.timezone,
  isDefault: row.is_default,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

// $3 says whether the address was sent at all, since null is a value it may be set to.
const UPDATE = `
UPDATE sites SET name = COALESCE($2, name), address = CASE WHEN $3 THEN $4 ELSE address END,
  timezone = COALESCE($5, timezone), updated_at = $6
WHERE id = $1 RETURNING *`;

export function sqlSites(db: SqlDatabase): SiteRepository {
  return {
    list: () =>
      sqlCall(async () => {
        const rows = await db.query<SiteRow>('SELECT * FROM sites ORDER BY is_default DESC, name, id');
        return rows.rows.map(toSite);
      }),

    get: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<SiteRow>('SELECT * FROM sites WHERE id = $1', [id]);
        return rows.rows[0] ? toSite(rows.rows[0]) : null;
      }),

    create: ({ name, address, timezone }) =>
      sqlCall(async () => {
        const now = new Date();
        const rows = await db.query<SiteRow>(
          `INSERT INTO sites (id, name, address, timezone, is_default, created_at, updated_at)
           VALUES ($1, $2, $3, $4, false, $5, $5) RETURNING *`,
          [newId(), name, address, timezone, now],
        );
        return toSite(rows.rows[0]!);
      }),

    update: (id, changes) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<SiteRow>(UPDATE, [
          id,
          changes.name ?? null,
          changes.address !== undefined,
          changes.address ?? null,
          changes.timezone ?? null,
          new Date(),
        ]);
        return rows.rows[0] ? toSite(rows.rows[0]) : null;
      }),
  };
}
