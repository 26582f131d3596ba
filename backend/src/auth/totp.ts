import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

// RFC 6238 defaults every authenticator app reads: SHA-1, 6 digits, 30-second steps.
const ISSUER = 'Clinic desk';

const totpFor = (secret: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export async function totpSetup(secret: string, label: string) {
  const otpauthUri = totpFor(secret, label).toString();
  return { otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri) };
}

/** Accepts the code of this step or the one either side, for clocks a little apart. */
export function totpMatches(secret: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secret, 'check').validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null;
}

export function totpCode(secret: string, at: Date): string {
  return totpFor(secret, 'code').generate({ timestamp: at.getTime() });
}
