import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      clinic: { timezone: 'UTC', startHour: 9, endHour: 17, defaultSlotMinutes: 30 },
      corsOrigins: ['http://localhost:5173'],
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/\.data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ CLINIC_TIMEZONE: 'Mars/Olympus' }, 'CLINIC_TIMEZONE'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ CLINIC_START_HOUR: '18' }, 'CLINIC_END_HOUR'],
    [{ DEFAULT_SLOT_MINUTES: '2' }, 'DEFAULT_SLOT_MINUTES'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY'],
    [{ WEB_CONCURRENCY: 'many' }, 'WEB_CONCURRENCY'],
    [{ DATABASE_READ_URL: 'mysql://replica/clinic' }, 'DATABASE_READ_URL'],
  ])('stops on %o with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('reads WEB_CONCURRENCY as a count, "auto" as one per core, and empty as the default 1', () => {
    expect(loadConfig({ WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
    expect(loadConfig({ WEB_CONCURRENCY: 'auto' }).webConcurrency).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ WEB_CONCURRENCY: '' }).webConcurrency).toBe(1);
  });

  it('reads a comma-separated list of CORS origins', () => {
    expect(loadConfig({ CORS_ORIGIN: 'http://a.example, http://b.example' }).corsOrigins).toEqual(['http://a.example', 'http://b.example']);
  });
});
