import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store.js';

/** What a link lets its holder do, without an account. */
export const LINK_PURPOSES = ['view', 'confirm', 'cancel', 'offer'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** A verified link: its purpose, the appointment (or offer) it names, and when it stops working. */
export type LinkClaims = { purpose: LinkPurpose; id: string; expiresAt: Date };

const SECRET_NAME = 'patient-links';

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

/**
 * Signed, expiring links for patients: the token is the claims in base64url and an HMAC-SHA256 of
 * them under a key every API process shares (made once, kept in the store). Nothing is stored per
 * link, so a link made by one process opens on any other.
 */
export function patientLinks(store: Pick<Store, 'secrets'>, publicUrl: (path: string) => string) {
  let key: Promise<Buffer> | null = null;
  const decode = (value: string) => Buffer.from(value, 'base64url');
  const secret = () => {
    key ??= store.secrets
      .getOrCreate(SECRET_NAME, randomBytes(32).toString('base64url'))
      .then(decode)
      .catch((error: unknown) => {
        key = null;
        throw error;
      });
    return key;
  };
  // Checking a token never makes the key: before the first link is signed no token is genuine, and
  // a forged one must write nothing.
  const existingSecret = async (): Promise<Buffer | null> => {
    if (key) return key;
    const stored = await store.secrets.get(SECRET_NAME);
    if (stored === null) return null;
    key ??= Promise.resolve(decode(stored));
    return key;
  };

  async function sign({ purpose, id, expiresAt }: LinkClaims): Promise<string> {
    const body = Buffer.from(JSON.stringify({ p: purpose, i: id, e: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
    return `${body}.${mac(await secret(), body).toString('base64url')}`;
  }

  /** The claims of a genuine token for `purpose` that has not expired at `now`; null for anything else. */
  async function verify(token: string, purpose: LinkPurpose, now: Date): Promise<LinkClaims | null> {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return null;
    const signingKey = await existingSecret();
    if (!signingKey) return null;
    const expected = mac(signingKey, body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const { p, i, e } = (claims ?? {}) as { p?: unknown; i?: unknown; e?: unknown };
    if (p !== purpose || typeof i !== 'string' || typeof e !== 'number') return null;
    const expiresAt = new Date(e * 1000);
    return expiresAt > now ? { purpose, id: i, expiresAt } : null;
  }

  return {
    sign,
    verify,
    /** The page a patient opens: /visit/<token> for an appointment, /offer/<token> for a waitlist offer. */
    url: async (claims: LinkClaims) => publicUrl(`/${claims.purpose === 'offer' ? 'offer' : 'visit'}/${await sign(claims)}`),
  };
}

export type PatientLinks = ReturnType<typeof patientLinks>;

const DAY = 24 * 60 * 60_000;

/** An offer's link outlives its hold by a week, so a late click is told the offer expired, not that the link is bad. */
export const offerLinkClaims = (offer: { id: string; expiresAt: Date }): LinkClaims => ({
  purpose: 'offer',
  id: offer.id,
  expiresAt: new Date(offer.expiresAt.getTime() + 7 * DAY),
});
