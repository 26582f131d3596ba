import type { NextFunction, Request, Response } from 'express';
import { ANONYMOUS, setRequestCaller, type Actor } from '../config/context.js';
import { clearSessionCookie, sessionSecretOf } from '../auth/session-cookie.js';
import type { SessionService } from '../services/sessions.js';
import type { TokenService } from '../services/tokens.js';

const LOCAL: Actor = Object.freeze({ kind: 'local', id: 'local', label: 'auth-off', role: 'admin', doctorId: null });

function bearerOf(req: Request): string | undefined {
  const header = req.get('Authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Works out who is calling, from an `Authorization: Bearer` token or the session cookie, and puts
 * it in the request context. Deciding whether that caller may go on is authorize's job.
 */
export function authenticate(mode: 'required' | 'off', sessions: SessionService, tokens: TokenService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const address = req.ip ?? null;
    let actor: Actor = ANONYMOUS;
    const bearer = bearerOf(req);
    const cookie = sessionSecretOf(req);
    if (mode === 'off') {
      actor = LOCAL;
    } else if (bearer !== undefined) {
      const token = await tokens.resolve(bearer);
      if (token) actor = { kind: 'token', id: token.id, label: token.name, role: token.role, doctorId: null };
      else res.locals.authProblem = 'The token is unknown, expired or revoked';
    } else if (cookie !== undefined) {
      const found = await sessions.resolve(cookie);
      if (found) {
        const { account } = found;
        actor = { kind: 'account', id: account.id, label: account.email, role: account.role, doctorId: account.doctorId };
        res.locals.account = account;
        res.locals.sessionId = found.sessionId;
      } else {
        res.locals.authProblem = 'Your session has ended; sign in again';
        clearSessionCookie(req, res);
      }
    }
    res.locals.actor = actor;
    setRequestCaller(actor, address);
    next();
  };
}
