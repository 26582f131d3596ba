import { ConflictError } from '../../errors.js';
import type { Account, AccountRepository, ApiToken, SessionRepository, TokenRepository } from '../access.js';
import type { SqlClient } from './db.js';
import { sqlCall, translateSqlError } from './errors.js';
import { newId } from './ids.js';
import { isSqlId } from './rows.js';

type AccountRow = {
  id: string;
  email: string;
  name: string;
  role: Account['role'];
  doctor_id: string | null;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: boolean;
  disabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

type TokenRow = {
  id: string;
  name: string;
  role: ApiToken['role'];
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

const ACCOUNT_COLUMNS: Record<string, string> = {
  name: 'name',
  role: 'role',
  doctorId: 'doctor_id',
  passwordHash: 'password_hash',
  totpSecret: 'totp_secret',
  totpEnabled: 'totp_enabled',
  disabled: 'disabled',
  lastLoginAt: 'last_login_at',
};

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  doctorId: row.doctor_id,
  passwordHash: row.password_hash,
  totpSecret: row.totp_secret,
  totpEnabled: row.totp_enabled,
  disabled: row.disabled,
  lastLoginAt: row.last_login_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  role: row.role,
  tokenHash: row.token_hash,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

const duplicateEmail = () =>
  new ConflictError('DUPLICATE', 'An account with this email already exists', [{ path: 'email', message: 'already registered' }]);

async function accountCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const driver = error as { code?: string; constraint?: string; message?: string };
    if (driver?.code === '23505' && `${driver.constraint ?? driver.message}`.includes('accounts_email')) throw duplicateEmail();
    throw translateSqlError(error);
  }
}

export function sqlAccounts(db: SqlClient): AccountRepository {
  return {
    create: (input) =>
      accountCall(async () => {
        const now = new Date();
        const result = await db.query<AccountRow>(
          `INSERT INTO accounts (id, email, name, role, doctor_id, password_hash, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
          [newId(), input.email, input.name, input.role, input.doctorId, input.passwordHash, now],
        );
        return toAccount(result.rows[0]!);
      }),
    get: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const result = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
        return result.rows[0] ? toAccount(result.rows[0]) : null;
      }),
    findByEmail: (email) =>
      sqlCall(async () => {
        const result = await db.query<AccountRow>('SELECT * FROM accounts WHERE lower(email) = lower($1)', [email]);
        return result.rows[0] ? toAccount(result.rows[0]) : null;
      }),
    update: (id, changes) =>
      accountCall(async () => {
        if (!isSqlId(id)) return null;
        // The column map, not the caller, names the columns.
        const entries = Object.entries(changes).filter(([field, value]) => value !== undefined && ACCOUNT_COLUMNS[field]);
        const sets = ['updated_at = $2', ...entries.map(([field], index) => `${ACCOUNT_COLUMNS[field]} = $${index + 3}`)];
        const result = await db.query<AccountRow>(`UPDATE accounts SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, [
          id,
          new Date(),
          ...entries.map(([, value]) => value),
        ]);
        return result.rows[0] ? toAccount(result.rows[0]) : null;
      }),
    list: ({ limit, offset }) =>
      sqlCall(async () => {
        const [rows, count] = await Promise.all([
          db.query<AccountRow>('SELECT * FROM accounts ORDER BY lower(email), id LIMIT $1 OFFSET $2', [limit, offset]),
          db.query<{ total: number }>('SELECT count(*)::int AS total FROM accounts'),
        ]);
        return { items: rows.rows.map(toAccount), total: count.rows[0]?.total ?? 0 };
      }),
    countAdmins: () =>
      sqlCall(async () => {
        const result = await db.query<{ total: number }>("SELECT count(*)::int AS total FROM accounts WHERE role = 'admin'");
        return result.rows[0]?.total ?? 0;
      }),
  };
}

export function sqlSessions(db: SqlClient): SessionRepository {
  type Row = { id: string; account_id: string; created_at: Date; last_seen_at: Date; expires_at: Date };
  return {
    create: (session) =>
      sqlCall(async () => {
        await db.query('INSERT INTO sessions (id, account_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
          session.id,
          session.accountId,
          session.createdAt,
          session.lastSeenAt,
          session.expiresAt,
        ]);
      }),
    get: (id) =>
      sqlCall(async () => {
        const row = (await db.query<Row>('SELECT * FROM sessions WHERE id = $1', [id])).rows[0];
        return row
          ? { id: row.id, accountId: row.account_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at }
          : null;
      }),
    touch: (id, at) =>
      sqlCall(async () => {
        await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, at]);
      }),
    delete: (id) =>
      sqlCall(async () => {
        await db.query('DELETE FROM sessions WHERE id = $1', [id]);
      }),
    deleteForAccount: (accountId, keep) =>
      sqlCall(async () => {
        if (!isSqlId(accountId)) return 0;
        const result = await db.query('DELETE FROM sessions WHERE account_id = $1 AND id IS DISTINCT FROM $2 RETURNING id', [
          accountId,
          keep ?? null,
        ]);
        return result.rows.length;
      }),
    purgeExpired: (idleBefore, now) =>
      sqlCall(async () => {
        const result = await db.query('DELETE FROM sessions WHERE last_seen_at < $1 OR expires_at <= $2 RETURNING id', [idleBefore, now]);
        return result.rows.length;
      }),
  };
}

export function sqlTokens(db: SqlClient): TokenRepository {
  return {
    create: (input) =>
      sqlCall(async () => {
        const result = await db.query<TokenRow>(
          `INSERT INTO api_tokens (id, name, role, token_hash, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
          [newId(), input.name, input.role, input.tokenHash, new Date(), input.expiresAt],
        );
        return toToken(result.rows[0]!);
      }),
    findByHash: (tokenHash) =>
      sqlCall(async () => {
        const row = (await db.query<TokenRow>('SELECT * FROM api_tokens WHERE token_hash = $1', [tokenHash])).rows[0];
        return row ? toToken(row) : null;
      }),
    list: ({ limit, offset }) =>
      sqlCall(async () => {
        const [rows, count] = await Promise.all([
          db.query<TokenRow>('SELECT * FROM api_tokens ORDER BY created_at DESC, id LIMIT $1 OFFSET $2', [limit, offset]),
          db.query<{ total: number }>('SELECT count(*)::int AS total FROM api_tokens'),
        ]);
        return { items: rows.rows.map(toToken), total: count.rows[0]?.total ?? 0 };
      }),
    revoke: (id, at) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const result = await db.query<TokenRow>('UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING *', [
          id,
          at,
        ]);
        return result.rows[0] ? toToken(result.rows[0]) : null;
      }),
    markUsed: (id, at) =>
      sqlCall(async () => {
        await db.query('UPDATE api_tokens SET last_used_at = GREATEST(last_used_at, $2) WHERE id = $1', [id, at]);
      }),
  };
}
