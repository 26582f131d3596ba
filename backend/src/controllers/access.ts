import type { Request, Response } from 'express';
import { createAccountBody, createTokenBody, setPasswordBody, updateAccountBody } from '../schemas/auth.js';
import { idParams, pagingQuery } from '../schemas/common.js';
import type { AccountService } from '../services/accounts.js';
import type { TokenService } from '../services/tokens.js';
import { parse } from './parse.js';
import { ok, okPage } from './present.js';
import { presentAccount, presentToken } from './present-access.js';

export function accountsController(accounts: AccountService) {
  return {
    create: async (req: Request, res: Response) => {
      const account = await accounts.create(parse(createAccountBody, req.body, 'body'));
      res.status(201).json(ok(presentAccount(account)));
    },
    list: async (req: Request, res: Response) => {
      const paging = parse(pagingQuery, req.query, 'query');
      res.json(okPage(await accounts.list(paging), paging, presentAccount));
    },
    update: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      res.json(ok(presentAccount(await accounts.update(id, parse(updateAccountBody, req.body, 'body')))));
    },
    setPassword: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      await accounts.setPassword(id, parse(setPasswordBody, req.body, 'body').password);
      res.status(204).end();
    },
  };
}

export function tokensController(tokens: TokenService) {
  return {
    create: async (req: Request, res: Response) => {
      const { token, secret } = await tokens.create(parse(createTokenBody, req.body, 'body'));
      res.status(201).json(ok({ ...presentToken(token), secret }));
    },
    list: async (req: Request, res: Response) => {
      const paging = parse(pagingQuery, req.query, 'query');
      res.json(okPage(await tokens.list(paging), paging, presentToken));
    },
    revoke: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      await tokens.revoke(id);
      res.status(204).end();
    },
  };
}
