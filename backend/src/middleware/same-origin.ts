import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence in depth on top of SameSite cookies: an unsafe request a browser sends from another
 * site (a form post, whatever its content type) is refused, in every auth mode. Browsers name the
 * sender in Origin and Sec-Fetch-Site; tools like curl send neither and pass.
 */
export function refuseCrossSite(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins.filter((origin) => origin !== '*'));
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.get('Origin');
    const fetchSite = req.get('Sec-Fetch-Site');
    const sameHost = origin !== undefined && origin !== 'null' && hostOf(origin) === req.get('Host');
    const trusted = origin !== undefined && (sameHost || allowed.has(origin));
    if (origin !== undefined && !trusted) throw new ForbiddenError('Cross-site requests are refused');
    if (origin === undefined && fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      throw new ForbiddenError('Cross-site requests are refused');
    }
    next();
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
