import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { IANAZone } from 'luxon';

// The repository's .data folder, wherever the process was started from (root, backend/ or a container).
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

// Compose passes `${VAR:-}` through as an empty string: that means "not set".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** TRUSTED_PROXIES wins; the older TRUST_PROXY=true now means only a proxy on this machine. */
function trustedProxies(env: { TRUSTED_PROXIES?: string; TRUST_PROXY: 'true' | 'false' }): false | readonly string[] {
  const listed = (env.TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (listed.length > 0) return Object.freeze(listed);
  return env.TRUST_PROXY === 'true' ? Object.freeze(['loopback']) : false;
}

const hour = z.coerce.number().int().min(0).max(24);

// "24,2": reminders that many hours before the start, each a positive number (fractions allowed);
// empty, as compose passes an unset variable, is the default.
const reminderHours = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .default('24,2')
    .transform((value, context) => {
      const hours = value.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
      if (hours.some((lead) => !Number.isFinite(lead) || lead <= 0 || lead > 24 * 60)) {
        context.addIssue({ code: 'custom', message: 'must be a comma-separated list of positive hours, such as 24,2' });
        return z.NEVER;
      }
      return [...new Set(hours)].sort((a, b) => b - a);
    }),
);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z.string().optional(),
    DATABASE_READ_URL: z
      .string()
      .optional()
      .refine((url) => !url || /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// URL (a read replica)'),
    MONGODB_URI: z.string().optional(),
    DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
    CLINIC_START_HOUR: hour.default(9),
    CLINIC_END_HOUR: hour.default(17),
    CLINIC_TIMEZONE: z
      .string()
      .default('UTC')
      .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA timezone such as Europe/London'),
    DEFAULT_SLOT_MINUTES: z.coerce.number().int().min(5).max(480).default(30),
    BOOKING_HORIZON_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug', 'silent']).default('info'),
    CORS_ORIGIN: z.string().default('http://localhost:5173'),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
    WEBHOOK_CLAIM_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    WAITLIST_HOLD_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(15),
    SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })),
    MAIL_FROM: optional(z.string().trim().min(3)),
    REMINDER_HOURS: reminderHours,
    PATIENT_CANCEL_NOTICE_HOURS: z.coerce.number().int().min(0).max(720).default(24),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20000),
    SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
    SERVE_FRONTEND: z.enum(['true', 'false']).default('true'),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    TRUSTED_PROXIES: optional(z.string()),
    AUTH_MODE: z.enum(['required', 'off']).default('required'),
    HOST: optional(z.string().trim().min(1)),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    ADMIN_EMAIL: optional(z.string().trim().pipe(z.email('must be an email address'))),
    ADMIN_PASSWORD: optional(z.string()),
    REQUIRE_ADMIN_TOTP: z.enum(['true', 'false']).default('false'),
    METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
    PATIENT_READS_PER_MINUTE: z.coerce.number().int().min(0).default(600),
    // Per-worker state (pools, caches) is small, so one worker per core is the useful ceiling.
    WEB_CONCURRENCY: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], { message: 'must be a whole number from 1 to 64, or "auto"' })
        .default(1),
    ),
  })
  .refine((env) => env.CLINIC_START_HOUR < env.CLINIC_END_HOUR, {
    path: ['CLINIC_END_HOUR'],
    message: 'must be greater than CLINIC_START_HOUR',
  })
  // Node refuses a server whose headers may take longer than the whole request.
  .refine((env) => env.HTTP_HEADERS_TIMEOUT_MS <= env.HTTP_REQUEST_TIMEOUT_MS, {
    path: ['HTTP_HEADERS_TIMEOUT_MS'],
    message: 'must not be greater than HTTP_REQUEST_TIMEOUT_MS',
  })
  .refine((env) => env.AUTH_MODE === 'required' || env.NODE_ENV !== 'production', {
    path: ['AUTH_MODE'],
    message: 'off is refused with NODE_ENV=production',
  })
  .refine((env) => env.AUTH_MODE === 'required' || env.HOST === undefined || isLoopback(env.HOST), {
    path: ['HOST'],
    message: 'AUTH_MODE=off listens on loopback only (127.0.0.1, ::1 or localhost)',
  })
  .refine((env) => !(env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) && !(env.ADMIN_PASSWORD && !env.ADMIN_EMAIL), {
    path: ['ADMIN_PASSWORD'],
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD are set together',
  });

export type Env = z.infer<typeof envSchema>;

export type AppConfig = Readonly<{
  nodeEnv: Env['NODE_ENV'];
  port: number;
  databaseUrl: string | undefined;
  /** A PostgreSQL read replica for lists and searches. */
  databaseReadUrl: string | undefined;
  mongodbUri: string | undefined;
  dataDir: string;
  clinic: Readonly<{ timezone: string; startHour: number; endHour: number; defaultSlotMinutes: number }>;
  /** How many days ahead a booking or reschedule may start. */
  bookingHorizonDays: number;
  logLevel: Env['LOG_LEVEL'];
  corsOrigins: readonly string[];
  rateLimitPerMinute: number;
  seedDemo: Env['SEED_DEMO'];
  serveFrontend: boolean;
  /** Cut-offs for slow clients: all headers, the whole request, an idle kept-alive connection. */
  httpTimeouts: Readonly<{ headersMs: number; requestMs: number; keepAliveMs: number }>;
  /** Proxy addresses or CIDRs whose X-Forwarded-For is believed; false trusts none. */
  trustProxy: false | readonly string[];
  /** Interface to listen on; undefined means every interface. */
  host: string | undefined;
  auth: Readonly<{ mode: 'required' | 'off'; sessionIdleMinutes: number; sessionMaxHours: number; requireAdminTotp: boolean }>;
  admin: Readonly<{ email: string; password: string }> | undefined;
  /** Unset: /metrics answers loopback clients only. */
  metricsToken: string | undefined;
  patientReadsPerMinute: number;
  /** API processes behind one port; `auto` is resolved to one per core. */
  webConcurrency: number;
  /** Where people reach the clinic (links in calendar feeds); unset: the address a request came to. */
  publicUrl?: string;
  /** Lets webhooks reach private and loopback addresses: tests and one-machine setups. */
  webhookAllowPrivate?: boolean;
  /** How long a worker holds a delivery it is sending before another may take it over (it died). */
  webhookClaimSeconds?: number;
  /** How long a slot offered to a waitlisted patient is kept for them before it goes to the next. */
  waitlistHoldMinutes?: number;
  /** Where patients' emails go out; unset: nothing is sent and every message stays readable in the SPA. */
  smtpUrl?: string;
  mailFrom?: string;
  /** How many hours before the start each reminder goes out, largest first. */
  reminderHours?: readonly number[];
  /** How long before the start a patient's own cancel link stops working; after that they call. */
  patientCancelNoticeHours?: number;
}>;

export class ConfigError extends Error {}

/** Parses the environment once; a bad value stops start-up with the variable's name. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  return Object.freeze({
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    mongodbUri: env.MONGODB_URI || undefined,
    dataDir: env.DATA_DIR,
    clinic: Object.freeze({
      timezone: env.CLINIC_TIMEZONE,
      startHour: env.CLINIC_START_HOUR,
      endHour: env.CLINIC_END_HOUR,
      defaultSlotMinutes: env.DEFAULT_SLOT_MINUTES,
    }),
    bookingHorizonDays: env.BOOKING_HORIZON_DAYS,
    logLevel: env.LOG_LEVEL,
    corsOrigins: Object.freeze(env.CORS_ORIGIN.split(',').map((origin) => origin.trim())),
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookClaimSeconds: env.WEBHOOK_CLAIM_SECONDS,
    waitlistHoldMinutes: env.WAITLIST_HOLD_MINUTES,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? 'clinic@localhost',
    reminderHours: Object.freeze(env.REMINDER_HOURS),
    patientCancelNoticeHours: env.PATIENT_CANCEL_NOTICE_HOURS,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    seedDemo: env.SEED_DEMO,
    serveFrontend: env.SERVE_FRONTEND === 'true',
    trustProxy: trustedProxies(env),
    host: env.HOST ?? (env.AUTH_MODE === 'off' ? '127.0.0.1' : undefined),
    auth: Object.freeze({
      mode: env.AUTH_MODE,
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionMaxHours: env.SESSION_MAX_HOURS,
      requireAdminTotp: env.REQUIRE_ADMIN_TOTP === 'true',
    }),
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? Object.freeze({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }) : undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    patientReadsPerMinute: env.PATIENT_READS_PER_MINUTE,
    httpTimeouts: Object.freeze({
      headersMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    }),
    webConcurrency: env.WEB_CONCURRENCY === 'auto' ? availableParallelism() : env.WEB_CONCURRENCY,
  });
}
