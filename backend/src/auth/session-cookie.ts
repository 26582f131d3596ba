import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'clinic_session';

/** The session secret from the Cookie header, if the request carries one. */
export function sessionSecretOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

// Secure whenever the request came over https, directly or as a trusted proxy reports it.
const attributes = (req: Request) => ({ httpOnly: true, sameSite: 'strict' as const, path: '/', secure: req.secure });

export function setSessionCookie(req: Request, res: Response, secret: string, maxAgeMs: number) {
  res.cookie(SESSION_COOKIE, secret, { ...attributes(req), maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response) {
  res.clearCookie(SESSION_COOKIE, attributes(req));
}
