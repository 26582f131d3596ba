import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../config/context.js';
import { AuthenticationError, ForbiddenError, NotFoundError } from '../errors.js';
import { ruleFor } from '../auth/policy.js';
import type { Account } from '../store/access.js';

// With REQUIRE_ADMIN_TOTP an admin without a second factor may only enrol one (and sign out).
const ENROLMENT = new Set(['GET /api/auth/me', 'POST /api/auth/totp/setup', 'POST /api/auth/totp/enable', 'POST /api/auth/logout']);

/** Checks the caller against the policy table: 401 when no one is signed in, 403 for the wrong role. */
export function authorize(requireAdminTotp: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const path = `${req.baseUrl}${req.path}`;
    const rule = ruleFor(req.method, path);
    if (rule === 'public') return next();
    const actor = res.locals.actor as Actor;
    if (actor.kind === 'anonymous') {
      throw new AuthenticationError(
        'UNAUTHENTICATED',
        (res.locals.authProblem as string | undefined) ?? 'Sign in or send a valid API token',
      );
    }
    if (!rule) throw new NotFoundError(`No route for ${req.method} ${req.path}`);
    if (!rule.includes(actor.role)) throw new ForbiddenError();
    const account = res.locals.account as Account | undefined;
    if (requireAdminTotp && account?.role === 'admin' && !account.totpEnabled && !ENROLMENT.has(`${req.method} ${path}`)) {
      throw new ForbiddenError('Admins must turn on two-factor sign-in first (POST /api/auth/totp/setup)');
    }
    next();
  };
}
