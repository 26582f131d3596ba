import type { Request, Response } from 'express';
import type { Actor } from '../config/context.js';
import { TooManyAttemptsError } from '../errors.js';
import { clearSessionCookie, sessionSecretOf, setSessionCookie } from '../auth/session-cookie.js';
import { changePasswordBody, loginBody, totpDisableBody, totpEnableBody } from '../schemas/auth.js';
import type { AccountService } from '../services/accounts.js';
import type { SessionService } from '../services/sessions.js';
import type { Account } from '../store/access.js';
import { parse } from './parse.js';
import { ok } from './present.js';
import { presentCaller, presentMe } from './present-access.js';

const accountOf = (res: Response) => (res.locals.account as Account | undefined) ?? null;

export function authController(sessions: SessionService, accounts: AccountService) {
  return {
    login: async (req: Request, res: Response) => {
      const body = parse(loginBody, req.body, 'body');
      try {
        const { account, secret, maxAgeMs } = await sessions.login(body, req.ip ?? null);
        setSessionCookie(req, res, secret, maxAgeMs);
        res.json(ok(presentMe(account)));
      } catch (error) {
        if (error instanceof TooManyAttemptsError) res.set('Retry-After', String(error.retryAfterSeconds));
        throw error;
      }
    },
    logout: async (req: Request, res: Response) => {
      const secret = sessionSecretOf(req);
      if (secret) await sessions.logout(secret, accountOf(res));
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
      res.status(204).end();
    },
    totpSetup: async (_req: Request, res: Response) => {
      res.json(ok(await accounts.totpSetup(accountOf(res))));
    },
    totpEnable: async (req: Request, res: Response) => {
      const { code } = parse(totpEnableBody, req.body, 'body');
      res.json(ok(presentMe(await accounts.totpEnable(accountOf(res), code))));
    },
    totpDisable: async (req: Request, res: Response) => {
      const { password } = parse(totpDisableBody, req.body, 'body');
      res.json(ok(presentMe(await accounts.totpDisable(accountOf(res), password))));
    },
  };
}
