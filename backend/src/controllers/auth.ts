import type { Request, Response } from 'express';
import type { Actor } from '../config/context.js';
import { AppError, TooManyAttemptsError } from '../errors.js';
import { clearSessionCookie, sessionSecretOf, setSessionCookie } from '../auth/session-cookie.js';
import { changePasswordBody, loginBody, totpDisableBody, totpEnableBody } from '../schemas/auth.js';
import type { AccountService } from '../services/accounts.js';
import type { AuditTrail } from '../services/audit.js';
import type { SessionService } from '../services/sessions.js';
import type { Account } from '../store/access.js';
import { parse } from './parse.js';
import { ok } from './present.js';
import { presentCaller, presentMe } from './present-access.js';

const accountOf = (res: Response) => (res.locals.account as Account | undefined) ?? null;

export function authController(sessions: SessionService, accounts: AccountService, audit: AuditTrail) {
  const ownAccount = (res: Response) => ({ resourceType: 'account', resourceId: accountOf(res)?.id ?? null });
  return {
    login: async (req: Request, res: Response) => {
      const body = parse(loginBody, req.body, 'body');
      try {
        const { account, secret, maxAgeMs } = await sessions.login(body, req.ip ?? null);
        const actor: Actor = { kind: 'account', id: account.id, label: account.email, role: account.role, doctorId: account.doctorId };
        await audit.record({ action: 'auth.login', resourceType: 'account', resourceId: account.id, outcome: 'success', actor });
        setSessionCookie(req, res, secret, maxAgeMs);
        res.json(ok(presentMe(account)));
      } catch (error) {
        if (error instanceof TooManyAttemptsError) res.set('Retry-After', String(error.retryAfterSeconds));
        // The email tried is not kept: people type passwords into the wrong field.
        if (error instanceof AppError && error.status < 500) {
          const outcome = error instanceof TooManyAttemptsError ? 'denied' : 'failure';
          await audit.record({ action: 'auth.login_failed', resourceType: 'account', outcome });
        }
        throw error;
      }
    },
    logout: async (req: Request, res: Response) => {
      const secret = sessionSecretOf(req);
      if (secret) await sessions.logout(secret);
      if (accountOf(res)) await audit.record({ action: 'auth.logout', ...ownAccount(res), outcome: 'success' });
      clearSessionCookie(req, res);
      res.status(204).end();
    },
    me: (_req: Request, res: Response) => {
      const account = accountOf(res);
      res.json(ok(account ? presentMe(account) : presentCaller(res.locals.actor as Actor)));
    },
    changePassword: async (req: Request, res: Response) => {
      const body = parse(changePasswordBody, req.body, 'body');
      await sessions.changePassword(
        accountOf(res),
        (res.locals.sessionId as string | undefined) ?? null,
        body.currentPassword,
        body.newPassword,
      );
      await audit.record({ action: 'auth.password_changed', ...ownAccount(res), outcome: 'success' });
      res.status(204).end();
    },
    totpSetup: async (_req: Request, res: Response) => {
      res.json(ok(await accounts.totpSetup(accountOf(res))));
    },
    totpEnable: async (req: Request, res: Response) => {
      const { code } = parse(totpEnableBody, req.body, 'body');
      const account = await accounts.totpEnable(accountOf(res), code);
      await audit.record({ action: 'auth.totp_enabled', ...ownAccount(res), outcome: 'success' });
      res.json(ok(presentMe(account)));
    },
    totpDisable: async (req: Request, res: Response) => {
      const { password } = parse(totpDisableBody, req.body, 'body');
      res.json(ok(presentMe(await accounts.totpDisable(accountOf(res), password))));
    },
  };
}
