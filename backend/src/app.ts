import { existsSync } from 'node:fs';
import path from 'node:path';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { AppConfig } from './config/env.js';
import type { Logger } from './config/logger.js';
import { appointmentsController } from './controllers/appointments.js';
import { auditController } from './controllers/audit.js';
import { doctorsController } from './controllers/doctors.js';
import { patientsController } from './controllers/patients.js';
import { createMetrics, instrumentStore } from './runtime/metrics.js';
import { correlationId } from './middleware/correlation.js';
import { errorHandler, notFoundRoute } from './middleware/error-handler.js';
import { idempotency } from './middleware/idempotency.js';
import { rateLimiter } from './middleware/rate-limit.js';
import { bookingOutcome, rememberMountPath, requestLog } from './middleware/request-log.js';
import { buildOpenApiDocument } from './openapi/document.js';
import { appointmentsRouter, availabilityRouter } from './routes/appointments.js';
import { auditRouter } from './routes/audit.js';
import { docsRouter } from './routes/docs.js';
import { doctorsRouter } from './routes/doctors.js';
import { patientsRouter } from './routes/patients.js';
import { configRouter, healthHandler, metricsHandler } from './routes/system.js';
import { appointmentService } from './services/appointments.js';
import { auditTrail } from './services/audit.js';
import { directoryService } from './services/directory.js';
import { participantsCache } from './services/participants-cache.js';
import type { Store } from './store/store.js';

export type AppDependencies = {
  store: Store;
  config: Pick<AppConfig, 'clinic' | 'corsOrigins' | 'rateLimitPerMinute' | 'trustProxy'>;
  logger: Logger;
  /** The built SPA to serve at `/`; omitted in API-only tests. */
  frontendDir?: string;
  clock?: () => Date;
};

/** Builds the whole HTTP app from its dependencies; nothing here reads the environment. */
export function createApp({ store: rawStore, config, logger, frontendDir, clock = () => new Date() }: AppDependencies) {
  const metrics = createMetrics();
  const store = instrumentStore(rawStore, metrics);
  const cache = participantsCache(store);
  const audit = auditTrail(store);
  const directory = directoryService(store, cache, config.clinic.defaultSlotMinutes, audit);
  const appointments = appointmentService(store, cache, config.clinic, clock, logger, audit);
  const appointmentHandlers = appointmentsController(appointments, config.clinic.timezone);

  const app = express();
  app.disable('x-powered-by');
  // Answers are live data, never revalidated, and hashing each body cost a booking about 8% of
  // the API's CPU. Static files keep theirs (express.static sets its own).
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(correlationId);
  app.use(requestLog(logger, metrics));
  app.use(
    helmet({
      // Clinics often reach the server over plain http on their LAN: upgrading every asset to
      // https there would load nothing, and the opener/agent-cluster headers only warn on http.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
    }),
  );
  app.use(
    cors({
      origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
      exposedHeaders: ['X-Correlation-ID', 'Idempotent-Replayed'],
    }),
  );

  app.get('/health', healthHandler(store));
  app.get('/api/health', healthHandler(store));
  app.get('/metrics', metricsHandler(metrics));

  const api = express.Router();
  api.use(rateLimiter(config.rateLimitPerMinute));
  api.use(express.json({ limit: '100kb' }));
  const mount = (path: string, router: express.Router) => api.use(path, rememberMountPath, router);
  mount('/config', configRouter(config.clinic));
  mount('/doctors', doctorsRouter(doctorsController(directory)));
  mount('/patients', patientsRouter(patientsController(directory, appointments)));
  mount(
    '/appointments',
    appointmentsRouter(appointmentHandlers, { idempotency: idempotency(store, logger, audit), bookingOutcome: bookingOutcome(metrics) }),
  );
  mount('/availability', availabilityRouter(appointmentHandlers));
  mount('/audit', auditRouter(auditController(audit, config.clinic.timezone)));
  api.use(docsRouter(buildOpenApiDocument()));
  api.use(notFoundRoute);
  app.use('/api', api);

  if (frontendDir && existsSync(path.join(frontendDir, 'index.html'))) {
    app.use(express.static(frontendDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/book, /doctors, ...) all load the SPA's shell.
    app.get(/^\/(?!api\/|health$|metrics$).*/, (_req, res) => res.sendFile(path.join(frontendDir, 'index.html')));
  }

  app.use(notFoundRoute);
  app.use(errorHandler(logger));
  return app;
}
