import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../config/context.js';
import { AuthenticationError, ForbiddenError, NotFoundError } from '../errors.js';
import { ruleFor } from '../auth/policy.js';
import type { AuditTrail } from '../services/audit.js';
import type { Account } from '../store/access.js';

// With REQUIRE_ADMIN_TOTP an admin without a second factor may only enrol one (and sign out).
const ENROLMENT = new Set(['GET /api/auth/me', 'POST /api/auth/totp/setup', 'POST /api/auth/totp/enable', 'POST /api/auth/logout']);

/** Checks the caller against the policy table: 401 when no one is signed in, 403 for the wrong role. */
export function authorize(requireAdminTotp: boolean, audit: AuditTrail) {
  const denied = async (req: Request, path: string, message?: string) => {
    await audit.record({ action: 'access.denied', resourceType: 'route', resourceId: `${req.method} ${path}`, outcome: 'denied' });
    return new ForbiddenError(message);
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    const path = `${req.baseUrl}${req.path}`;
    const rule = ruleFor(req.method, path);
    if (rule === 'public') return next();
    const actor = res.locals.actor as Actor;
    // No role: no one signed in (a patient link is a caller only on its own public routes).
    if (actor.role === null) {
      throw new AuthenticationError(
        'UNAUTHENTICATED',
        (res.locals.authProblem as string | undefined) ?? 'Sign in or send a valid API token',
      );
    }
    if (!rule) throw new NotFoundError(`No route for ${req.method} ${req.path}`);
    if (!rule.includes(actor.role)) throw await denied(req, path);
    const account = res.locals.account as Account | undefined;
    if (requireAdminTotp && account?.role === 'admin' && !account.totpEnabled && !ENROLMENT.has(`${req.method} ${path}`)) {
      throw await denied(req, path, 'Admins must turn on two-factor sign-in first (POST /api/auth/totp/setup)');
    }
    next();
  };
}
