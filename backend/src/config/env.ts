import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { IANAZone } from 'luxon';

// The repository's .data folder, wherever the process was started from (root, backend/ or a container).
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

const hour = z.coerce.number().int().min(0).max(24);

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
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug', 'silent']).default('info'),
    CORS_ORIGIN: z.string().default('http://localhost:5173'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20000),
    SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
    SERVE_FRONTEND: z.enum(['true', 'false']).default('true'),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
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
  logLevel: Env['LOG_LEVEL'];
  corsOrigins: readonly string[];
  rateLimitPerMinute: number;
  seedDemo: Env['SEED_DEMO'];
  serveFrontend: boolean;
  trustProxy: boolean;
  /** API processes behind one port; `auto` is resolved to one per core. */
  webConcurrency: number;
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
    logLevel: env.LOG_LEVEL,
    corsOrigins: Object.freeze(env.CORS_ORIGIN.split(',').map((origin) => origin.trim())),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    seedDemo: env.SEED_DEMO,
    serveFrontend: env.SERVE_FRONTEND === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    webConcurrency: env.WEB_CONCURRENCY === 'auto' ? availableParallelism() : env.WEB_CONCURRENCY,
  });
}
