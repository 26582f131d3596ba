import { Router, type Request, type Response } from 'express';
import type { ClinicHours } from '../services/clinic-time.js';
import type { Metrics } from '../runtime/metrics.js';
import type { Store } from '../store/store.js';
import { ServiceUnavailableError } from '../errors.js';

export function healthHandler(store: Store) {
  return async (_req: Request, res: Response) => {
    // Any failure to answer means "not healthy": the one error mapper writes the 503.
    await store.ping().catch(() => {
      throw new ServiceUnavailableError();
    });
    res.json({ status: 'ok', store: store.kind, uptimeSeconds: Math.round(process.uptime()) });
  };
}

export function metricsHandler(metrics: Metrics) {
  return async (_req: Request, res: Response) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** What the SPA needs to show times the way the clinic reads them. */
export function configRouter(clinic: ClinicHours & { defaultSlotMinutes: number }) {
  return Router().get('/', (_req, res) => {
    res.json({
      success: true,
      data: {
        timezone: clinic.timezone,
        clinicStartHour: clinic.startHour,
        clinicEndHour: clinic.endHour,
        defaultSlotMinutes: clinic.defaultSlotMinutes,
      },
    });
  });
}
