import type { Request, Response } from 'express';
import { createAccountBody, createTokenBody, setPasswordBody, updateAccountBody } from '../schemas/auth.js';
import { idParams, pagingQuery } from '../schemas/common.js';
import type { AccountService } from '../services/accounts.js';
import type { AuditTrail } from '../services/audit.js';
import type { TokenService } from '../services/tokens.js';
import { parse } from './parse.js';
import { ok, okPage } from './present.js';
import { presentAccount, presentToken } from './present-access.js';

export function accountsController(accounts: AccountService, audit: AuditTrail) {
  return {
    create: async (req: Request, res: Response) => {
      const account = await accounts.create(parse(createAccountBody, req.body, 'body'));
      await audit.record({ action: 'account.create', resourceType: 'account', resourceId: account.id, outcome: 'success' });
      res.status(201).json(ok(presentAccount(account)));
    },
    list: async (req: Request, res: Response) => {
      const paging = parse(pagingQuery, req.query, 'query');
      res.json(okPage(await accounts.list(paging), paging, presentAccount));
    },
    update: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const account = await accounts.update(id, parse(updateAccountBody, req.body, 'body'));
      await audit.record({ action: 'account.update', resourceType: 'account', resourceId: id, outcome: 'success' });
      res.json(ok(presentAccount(account)));
    },
    setPassword: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      await accounts.setPassword(id, parse(setPasswordBody, req.body, 'body').password);
      await audit.record({ action: 'auth.password_changed', resourceType: 'account', resourceId: id, outcome: 'success' });
      res.status(204).end();
    },
  };
}

export function tokensController(tokens: TokenService, audit: AuditTrail) {
  return {
    create: async (req: Request, res: Response) => {
      const { token, secret } = await tokens.create(parse(createTokenBody, req.body, 'body'));
      await audit.record({ action: 'token.create', resourceType: 'token', resourceId: token.id, outcome: 'success' });
      res.status(201).json(ok({ ...presentToken(token), secret }));
    },
    list: async (req: Request, res: Response) => {
      const paging = parse(pagingQuery, req.query, 'query');
      res.json(okPage(await tokens.list(paging), paging, presentToken));
    },
    revoke: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      await tokens.revoke(id);
      await audit.record({ action: 'token.revoke', resourceType: 'token', resourceId: id, outcome: 'success' });
      res.status(204).end();
    },
  };
}
