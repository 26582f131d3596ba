import { Router } from 'express';
import type { accountsController, tokensController } from '../controllers/access.js';
import type { authController } from '../controllers/auth.js';

export function authRouter(controller: ReturnType<typeof authController>) {
  return Router()
    .post('/login', controller.login)
    .post('/logout', controller.logout)
    .get('/me', controller.me)
    .post('/password', controller.changePassword)
    .post('/totp/setup', controller.totpSetup)
    .post('/totp/enable', controller.totpEnable)
    .post('/totp/disable', controller.totpDisable);
}

export function accountsRouter(controller: ReturnType<typeof accountsController>) {
  return Router()
    .post('/', controller.create)
    .get('/', controller.list)
    .patch('/:id', controller.update)
    .post('/:id/password', controller.setPassword);
}

export function tokensRouter(controller: ReturnType<typeof tokensController>) {
  return Router().post('/', controller.create).get('/', controller.list).delete('/:id', controller.revoke);
}
