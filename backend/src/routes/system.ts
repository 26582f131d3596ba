import { Router, type Request, type Response } from 'express';
import type { ClinicHours } from '../services/clinic-time.js';
import type { Metrics } from '../runtime/metrics.js';
import type { DemoAccount } from '../seed/demo-access.js';
import type { Store } from '../store/store.js';
import { sameSecret } from '../auth/secrets.js';
import { AuthenticationError, ServiceUnavailableError } from '../errors.js';

export function healthHandler(store: Store) {
  return async (_req: Request, res: Response) => {
    // Any failure to answer means "not healthy": the one error mapper writes the 503.
    await store.ping().catch(() => {
      throw new ServiceUnavailableError();
    });
    res.json({ status: 'ok', store: store.kind, uptimeSeconds: Math.round(process.uptime()) });
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** With METRICS_TOKEN, only `Authorization: Bearer <it>` reads; without one, only this machine does. */
export function metricsHandler(metrics: Metrics, token: string | undefined) {
  return async (req: Request, res: Response) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '')?.[1];
    const allowed = token ? bearer !== undefined && sameSecret(bearer, token) : LOOPBACK.test(req.ip ?? '');
    if (!allowed)
      throw new AuthenticationError(
        'UNAUTHENTICATED',
        token ? 'Send the metrics token as a bearer token' : 'Metrics are served to this machine only',
      );
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** What the SPA needs to show times the way the clinic reads them, and how to sign in. */
export function configRouter(
  clinic: ClinicHours & { defaultSlotMinutes: number },
  auth: { mode: 'required' | 'off'; requireAdminTotp: boolean },
  demoAccounts?: readonly DemoAccount[],
) {
  return Router().get('/', (_req, res) => {
    res.json({
      success: true,
      data: {
        timezone: clinic.timezone,
        clinicStartHour: clinic.startHour,
        clinicEndHour: clinic.endHour,
        defaultSlotMinutes: clinic.defaultSlotMinutes,
        authMode: auth.mode,
        requireAdminTotp: auth.requireAdminTotp,
        ...(demoAccounts?.length ? { demoAccounts } : {}),
      },
    });
  });
}
