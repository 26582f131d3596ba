import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import {
  accountSchema,
  changePasswordBody,
  createAccountBody,
  createTokenBody,
  loginBody,
  meSchema,
  newTokenSchema,
  setPasswordBody,
  tokenSchema,
  totpDisableBody,
  totpEnableBody,
  totpSetupSchema,
  updateAccountBody,
} from '../schemas/auth.js';
import { envelope, idParams, listEnvelope, pagingQuery } from '../schemas/common.js';
import { asQuery, describePaging, ERRORS, errorResponses, jsonBody, ok, requestHeaders, WRITE_ERRORS } from './responses.js';

const noContent = (description: string) => ({ 204: { description } });

/** Sign-in, the caller's own account, and the admin's accounts and integrator tokens. */
export function accessRoutes(): RouteConfig[] {
  const me = ok(200, 'The signed-in caller', envelope(meSchema));
  const route = (config: Omit<RouteConfig, 'request'> & { request?: RouteConfig['request'] }): RouteConfig => ({
    ...config,
    request: { headers: requestHeaders, ...config.request },
  });
  return [
    route({
      method: 'post',
      path: '/api/auth/login',
      tags: ['Auth'],
      summary: 'Sign in: starts a server-side session in the HttpOnly, SameSite=Strict cookie clinic_session',
      description:
        'An unknown email and a wrong password get the same 401 INVALID_CREDENTIALS in the same time. After 5 failures for one ' +
        'account or one client address, 429 TOO_MANY_ATTEMPTS with Retry-After, the wait doubling with each further failure.',
      request: { body: jsonBody(loginBody) },
      responses: {
        ...ok(200, 'Signed in; Set-Cookie carries the session', envelope(meSchema)),
        ...errorResponses([...WRITE_ERRORS, ERRORS.invalidCredentials, ERRORS.totpRequired, ERRORS.tooManyAttempts]),
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['Auth'],
      summary: 'Sign out: ends the session the cookie names (if any) and clears the cookie',
      responses: { ...noContent('Signed out'), ...errorResponses([]) },
    }),
    route({ method: 'get', path: '/api/auth/me', tags: ['Auth'], summary: 'Who is calling', responses: { ...me, ...errorResponses([]) } }),
    route({
      method: 'post',
      path: '/api/auth/password',
      tags: ['Auth'],
      summary: "Change one's own password (at least 12 characters, not a common one); every other session of the account ends",
      request: { body: jsonBody(changePasswordBody) },
      responses: { ...noContent('Changed'), ...errorResponses(WRITE_ERRORS) },
    }),
    route({
      method: 'post',
      path: '/api/auth/totp/setup',
      tags: ['Auth'],
      summary: 'Start two-factor sign-in (RFC 6238): an otpauth:// URI and its QR code; confirm with /api/auth/totp/enable',
      responses: { ...ok(200, 'Scan this with an authenticator app', envelope(totpSetupSchema)), ...errorResponses([ERRORS.validation]) },
    }),
    route({
      method: 'post',
      path: '/api/auth/totp/enable',
      tags: ['Auth'],
      summary: 'Turn two-factor sign-in on with a current code',
      request: { body: jsonBody(totpEnableBody) },
      responses: { ...me, ...errorResponses(WRITE_ERRORS) },
    }),
    route({
      method: 'post',
      path: '/api/auth/totp/disable',
      tags: ['Auth'],
      summary: 'Turn two-factor sign-in off (needs the password)',
      request: { body: jsonBody(totpDisableBody) },
      responses: { ...me, ...errorResponses(WRITE_ERRORS) },
    }),
    route({
      method: 'post',
      path: '/api/accounts',
      tags: ['Accounts'],
      summary: 'Create an account (admin); a doctor account names its doctorId',
      request: { body: jsonBody(createAccountBody) },
      responses: {
        ...ok(201, 'Created', envelope(accountSchema)),
        ...errorResponses([...WRITE_ERRORS, ERRORS.notFound, ERRORS.duplicate]),
      },
    }),
    route({
      method: 'get',
      path: '/api/accounts',
      tags: ['Accounts'],
      summary: 'List accounts (admin)',
      request: { query: describePaging(asQuery(pagingQuery)) },
      responses: { ...ok(200, 'One page', listEnvelope(accountSchema)), ...errorResponses([ERRORS.validation]) },
    }),
    route({
      method: 'patch',
      path: '/api/accounts/{id}',
      tags: ['Accounts'],
      summary: "Change an account's name, role, doctor or disabled flag (admin); disabling ends its sessions at once",
      request: { params: idParams, body: jsonBody(updateAccountBody) },
      responses: { ...ok(200, 'Changed', envelope(accountSchema)), ...errorResponses([...WRITE_ERRORS, ERRORS.notFound]) },
    }),
    route({
      method: 'post',
      path: '/api/accounts/{id}/password',
      tags: ['Accounts'],
      summary: "Set an account's password (admin); every session of that account ends",
      request: { params: idParams, body: jsonBody(setPasswordBody) },
      responses: { ...noContent('Set'), ...errorResponses([...WRITE_ERRORS, ERRORS.notFound]) },
    }),
    route({
      method: 'post',
      path: '/api/tokens',
      tags: ['Tokens'],
      summary: 'Create an integrator token (admin); the secret is in this answer only',
      request: { body: jsonBody(createTokenBody) },
      responses: { ...ok(201, 'Created', envelope(newTokenSchema)), ...errorResponses(WRITE_ERRORS) },
    }),
    route({
      method: 'get',
      path: '/api/tokens',
      tags: ['Tokens'],
      summary: 'List tokens with their last use (admin); never their secrets',
      request: { query: describePaging(asQuery(pagingQuery)) },
      responses: { ...ok(200, 'One page', listEnvelope(tokenSchema)), ...errorResponses([ERRORS.validation]) },
    }),
    route({
      method: 'delete',
      path: '/api/tokens/{id}',
      tags: ['Tokens'],
      summary: 'Revoke a token (admin); it stops working at once',
      request: { params: idParams },
      responses: { ...noContent('Revoked'), ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    }),
  ];
}

export const securitySchemes = {
  bearerAuth: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'An integrator token (clk_…) from POST /api/tokens or `npm run token`',
  },
  cookieAuth: {
    type: 'apiKey' as const,
    in: 'cookie' as const,
    name: 'clinic_session',
    description: 'The session POST /api/auth/login sets',
  },
};
