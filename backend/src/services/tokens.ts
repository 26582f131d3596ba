import { NotFoundError } from '../errors.js';
import { newTokenSecret, sha256, TOKEN_PREFIX } from '../auth/secrets.js';
import type { ApiToken, TokenRole } from '../store/access.js';
import type { Page, Store } from '../store/store.js';
import type { AuditTrail } from './audit.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// A lookup is remembered this long, so a busy integrator costs no database read per request; a
// revoke here evicts at once, while another API process forgets its copy within this time.
const CACHE_MS = 10_000;
const CACHE_MAX = 1_000;
// lastUsedAt is a hint for admins, not an audit: written at most once a minute per token.
const USED_EVERY_MS = 60_000;

export type NewTokenRequest = { name: string; role: TokenRole; expiresInDays?: number };

/** `audit` is left out only outside a request (the demo seed, the CLI), where there is no caller to name. */
export function tokenService(store: Store, clock: () => Date, audit?: AuditTrail) {
  const cache = new Map<string, { token: ApiToken; until: number }>();
  const lastMarked = new Map<string, number>();

  const lookup = async (hash: string) => {
    const now = clock().getTime();
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.token;
    const token = await store.tokens.findByHash(hash);
    if (cache.size >= CACHE_MAX) cache.clear();
    if (token) cache.set(hash, { token, until: now + CACHE_MS });
    else cache.delete(hash);
    return token;
  };

  const markUsed = (token: ApiToken, now: Date) => {
    if (now.getTime() - (lastMarked.get(token.id) ?? 0) < USED_EVERY_MS) return;
    if (lastMarked.size >= CACHE_MAX) lastMarked.clear();
    lastMarked.set(token.id, now.getTime());
    void store.tokens.markUsed(token.id, now).catch(() => lastMarked.delete(token.id));
  };

  return {
    /** The only moment the secret exists outside the caller's hands: it is returned, never stored. */
    create: async (request: NewTokenRequest) => {
      const secret = newTokenSecret();
      const expiresAt = new Date(clock().getTime() + (request.expiresInDays ?? 90) * DAY_MS);
      const token = await store.tokens.create({ name: request.name, role: request.role, tokenHash: sha256(secret), expiresAt });
      await audit?.record({ action: 'token.create', resourceType: 'token', resourceId: token.id, outcome: 'success' });
      return { token, secret };
    },
    list: (page: Page) => store.tokens.list(page),
    revoke: async (id: string) => {
      const token = await store.tokens.revoke(id, clock());
      if (!token) throw new NotFoundError('Token not found');
      cache.delete(token.tokenHash);
      await audit?.record({ action: 'token.revoke', resourceType: 'token', resourceId: token.id, outcome: 'success' });
      return token;
    },
    /** The live token a bearer secret names, or null when it is unknown, revoked or expired. */
    resolve: async (secret: string): Promise<ApiToken | null> => {
      if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
      const token = await lookup(sha256(secret));
      const now = clock();
      if (!token || token.revokedAt || token.expiresAt <= now) return null;
      markUsed(token, now);
      return token;
    },
  };
}

export type TokenService = ReturnType<typeof tokenService>;
