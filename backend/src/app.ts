import { existsSync } from 'node:fs';
import path from 'node:path';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { AppConfig } from './config/env.js';
import type { Logger } from './config/logger.js';
import { loginThrottle } from './auth/throttle.js';
import { accountsController, tokensController } from './controllers/access.js';
import { appointmentsController } from './controllers/appointments.js';
import { eventsController } from './controllers/events.js';
import { auditController } from './controllers/audit.js';
import { authController } from './controllers/auth.js';
import { doctorsController } from './controllers/doctors.js';
import { patientsController } from './controllers/patients.js';
import { rotaController } from './controllers/rota.js';
import { timeOffController } from './controllers/time-off.js';
import { visitTypesController } from './controllers/visit-types.js';
import { sitesController } from './controllers/sites.js';
import { sitesRouter } from './routes/sites.js';
import { siteDirectory } from './services/sites.js';
import { webhooksController } from './controllers/webhooks.js';
import { visitsController } from './controllers/visits.js';
import { appointmentLinksRouter, visitsRouter } from './routes/visits.js';
import { patientVisits } from './services/patient-visits.js';
import { webhooksRouter } from './routes/webhooks.js';
import { webhookService } from './services/webhooks.js';
import { offersController, waitlistController } from './controllers/waitlist.js';
import { offersRouter, waitlistRouter } from './routes/waitlist.js';
import { waitlistService } from './services/waitlist.js';
import { messagesController } from './controllers/messages.js';
import { messageTemplatesRouter, messagesRouter } from './routes/messages.js';
import { messageService } from './services/messages.js';
import { smtpMailer, type Mailer } from './services/messages/mailer.js';
import { patientLinks } from './services/patient-links.js';
import { createMetrics, instrumentStore } from './runtime/metrics.js';
import { authenticate } from './middleware/authenticate.js';
import { authorize } from './middleware/authorize.js';
import { correlationId } from './middleware/correlation.js';
import { errorHandler, notFoundRoute } from './middleware/error-handler.js';
import { idempotency } from './middleware/idempotency.js';
import { patientReadLimiter, rateLimiter } from './middleware/rate-limit.js';
import { bookingOutcome, rememberMountPath, requestLog } from './middleware/request-log.js';
import { refuseCrossSite } from './middleware/same-origin.js';
import { buildOpenApiDocument } from './openapi/document.js';
import { accountsRouter, authRouter, tokensRouter } from './routes/access.js';
import { appointmentsRouter, availabilityRouter } from './routes/appointments.js';
import { auditRouter } from './routes/audit.js';
import { docsRouter } from './routes/docs.js';
import { doctorsRouter, timeOffRouter, visitTypesRouter } from './routes/doctors.js';
import { patientsRouter } from './routes/patients.js';
import { configRouter, healthHandler, metricsHandler } from './routes/system.js';
import type { DemoAccount } from './seed/demo-access.js';
import { accountService } from './services/accounts.js';
import { appointmentService } from './services/appointments.js';
import { auditTrail } from './services/audit.js';
import { calendarFeed } from './services/calendar-feed.js';
import { directoryService } from './services/directory.js';
import { liveEvents } from './services/live-events.js';
import { participantsCache } from './services/participants-cache.js';
import { sessionService } from './services/sessions.js';
import { rotaService } from './services/rota.js';
import { timeOffService } from './services/time-off.js';
import { visitTypeService } from './services/visit-types.js';
import { tokenService } from './services/tokens.js';
import type { Store } from './store/store.js';

export type AppDependencies = {
  store: Store;
  config: Pick<
    AppConfig,
    | 'clinic'
    | 'bookingHorizonDays'
    | 'corsOrigins'
    | 'rateLimitPerMinute'
    | 'trustProxy'
    | 'auth'
    | 'metricsToken'
    | 'patientReadsPerMinute'
  > &
    Partial<
      Pick<
        AppConfig,
        | 'publicUrl'
        | 'webhookAllowPrivate'
        | 'webhookClaimSeconds'
        | 'smtpUrl'
        | 'mailFrom'
        | 'reminderHours'
        | 'port'
        | 'waitlistHoldMinutes'
        | 'patientCancelNoticeHours'
      >
    >;
  logger: Logger;
  /** The built SPA to serve at `/`; omitted in API-only tests. */
  frontendDir?: string;
  clock?: () => Date;
  /** Sends a message; built from SMTP_URL when absent (none without it). */
  mailer?: Mailer;
  /** Shown on the sign-in page only when the demo clinic (and its accounts) is in this store. */
  demoAccounts?: readonly DemoAccount[];
};

// Tokens cannot be guessed (HMAC-signed); the limit keeps one address from hammering the public pages.
const PATIENT_LINK_REQUESTS_PER_MINUTE = 60;

// A lost notice is made up for within a second; proxies drop a stream silent for a minute.
const EVENTS_POLL_MS = 1000;
const EVENTS_HEARTBEAT_MS = 25_000;

/** Builds the whole HTTP app from its dependencies; nothing here reads the environment. */
export function createApp({
  store: rawStore,
  config,
  logger,
  frontendDir,
  clock = () => new Date(),
  mailer,
  demoAccounts,
}: AppDependencies) {
  const metrics = createMetrics();
  const store = instrumentStore(rawStore, metrics);
  const cache = participantsCache(store);
  const audit = auditTrail(store);
  const sites = siteDirectory(store, config.clinic);
  const webhooks = webhookService(store, logger, {
    clinicZone: config.clinic.timezone,
    allowPrivate: config.webhookAllowPrivate ?? false,
    claimMs: (config.webhookClaimSeconds ?? 60) * 1000,
    clock,
  });
  // Links handed to patients must open where they can reach the clinic, not where a request came in.
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port ?? 3000}`;
  const links = patientLinks(store, (path) => publicUrl + path);
  const messages = messageService(store, logger, {
    clinicZone: config.clinic.timezone,
    reminderHours: config.reminderHours ?? [24, 2],
    links,
    claimMs: (config.webhookClaimSeconds ?? 60) * 1000,
    mailer: mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom ?? 'clinic@localhost') : null),
    clock,
  });
  const directory = directoryService(store, cache, config.clinic.defaultSlotMinutes, audit, sites);
  const appointments = appointmentService(
    store,
    cache,
    { ...config.clinic, horizonDays: config.bookingHorizonDays },
    clock,
    logger,
    audit,
    sites,
  );
  const appointmentHandlers = appointmentsController(appointments, config.clinic.timezone);
  const events = eventsController(liveEvents(store, logger, { pollMs: EVENTS_POLL_MS }), audit, {
    timezone: config.clinic.timezone,
    heartbeatMs: EVENTS_HEARTBEAT_MS,
  });
  const waitlist = waitlistService(store, sites, audit, links, logger, {
    clinic: { ...config.clinic, horizonDays: config.bookingHorizonDays },
    holdMinutes: config.waitlistHoldMinutes ?? 15,
    clock,
  });
  const sessions = sessionService(store, config.auth, loginThrottle(clock), clock, audit);
  const accounts = accountService(store, clock, audit);
  const tokens = tokenService(store, clock, audit);
  const visits = patientVisits(store, links, appointments, audit, config.patientCancelNoticeHours ?? 24, clock);

  const app = express();
  app.disable('x-powered-by');
  // Answers are live data, never revalidated, and hashing each body cost a booking about 8% of
  // the API's CPU. Static files keep theirs (express.static sets its own).
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy === false ? false : [...config.trustProxy]);
  app.use(correlationId);
  app.use(requestLog(logger, metrics));
  app.use(
    helmet({
      // Clinics often reach the server over plain http on their LAN: upgrading every asset to
      // https there would load nothing, and the opener/agent-cluster headers only warn on http.
      // The SPA's shell loads one script and one stylesheet from this origin; nothing inline.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          scriptSrcAttr: ["'none'"],
        },
      },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
    }),
  );
  app.use(
    cors({
      origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
      // Cookies cross origins only to the origins named; with `*` no credentials are allowed at all.
      credentials: !config.corsOrigins.includes('*'),
      exposedHeaders: ['X-Correlation-ID', 'Idempotent-Replayed'],
    }),
  );

  app.use(refuseCrossSite(config.corsOrigins));
  app.get('/health', healthHandler(store));
  app.get('/api/health', healthHandler(store));
  app.get('/metrics', metricsHandler(metrics, config.metricsToken));

  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers carry patient data: no browser, proxy or CDN may keep a copy.
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(rateLimiter(config.rateLimitPerMinute));
  api.use(authenticate(config.auth.mode, sessions, tokens));
  api.use(authorize(config.auth.requireAdminTotp, audit));
  api.use(express.json({ limit: '100kb' }));
  const mount = (path: string, router: express.Router) => api.use(path, rememberMountPath, router);
  mount('/config', configRouter(config.clinic, config.auth, demoAccounts));
  mount('/auth', authRouter(authController(sessions, accounts)));
  mount('/accounts', accountsRouter(accountsController(accounts)));
  mount('/tokens', tokensRouter(tokensController(tokens)));
  const timeOff = timeOffController(timeOffService(store), config.clinic.timezone);
  const calendar = calendarFeed(store, config.clinic.timezone, clock);
  const rota = rotaController(rotaService(store, cache, config.clinic, clock, sites), config.clinic.timezone);
  const visitTypes = visitTypesController(visitTypeService(store));
  mount('/doctors', doctorsRouter(doctorsController(directory, calendar, config.publicUrl), timeOff, rota, visitTypes));
  mount('/time-off', timeOffRouter(timeOff));
  mount('/visit-types', visitTypesRouter(visitTypes));
  api.use('/patients', patientReadLimiter(config.patientReadsPerMinute));
  mount('/patients', patientsRouter(patientsController(directory, appointments, config.clinic.timezone)));
  mount('/sites', sitesRouter(sitesController(sites)));
  mount('/webhooks', webhooksRouter(webhooksController(webhooks)));
  mount('/waitlist', waitlistRouter(waitlistController(waitlist)));
  const linkLimit = rateLimiter(config.rateLimitPerMinute === 0 ? 0 : PATIENT_LINK_REQUESTS_PER_MINUTE);
  api.use('/offers', linkLimit);
  mount('/offers', offersRouter(offersController(waitlist, config.clinic.timezone)));
  const messageHandlers = messagesController(messages);
  mount('/messages', messagesRouter(messageHandlers));
  mount('/message-templates', messageTemplatesRouter(messageHandlers));
  const visitHandlers = visitsController(visits, config.clinic.timezone);
  mount('/appointments', appointmentLinksRouter(visitHandlers));
  mount(
    '/appointments',
    appointmentsRouter(appointmentHandlers, { idempotency: idempotency(store, logger, audit), bookingOutcome: bookingOutcome(metrics) }),
  );
  mount('/availability', availabilityRouter(appointmentHandlers));
  mount('/events', express.Router().get('/', events.stream));
  api.use('/visit', linkLimit);
  mount('/visit', visitsRouter(visitHandlers));
  mount('/audit', auditRouter(auditController(audit, config.clinic.timezone)));
  api.use(docsRouter(buildOpenApiDocument()));
  api.use(notFoundRoute);
  app.use('/api', api);

  if (frontendDir) {
    // Looked for on each request, not once: `npm start` builds the SPA while the API starts.
    const shell = path.join(frontendDir, 'index.html');
    app.use(express.static(frontendDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/book, /doctors, ...) all load the SPA's shell.
    app.get(/^\/(?!api\/|health$|metrics$).*/, (_req, res, next) => (existsSync(shell) ? res.sendFile(shell) : next()));
  }

  app.use(notFoundRoute);
  app.use(errorHandler(logger));
  // Open event streams never end on their own; the shutdown ends them (see server.ts).
  app.locals.closeStreams = events.closeAll;
  // The server process runs the webhook worker (server.ts); tests drive rounds themselves.
  app.locals.webhooks = webhooks;
  app.locals.waitlist = waitlist;
  app.locals.links = links;
  app.locals.messages = messages;
  return app;
}
