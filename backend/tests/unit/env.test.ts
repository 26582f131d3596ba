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
    [{ AUTH_MODE: 'off', NODE_ENV: 'production' }, 'AUTH_MODE'],
    [{ AUTH_MODE: 'off', HOST: '0.0.0.0' }, 'HOST'],
    [{ ADMIN_EMAIL: 'root@example.org' }, 'ADMIN_PASSWORD'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ DATABASE_READ_URL: 'mysql://replica/clinic' }, 'DATABASE_READ_URL'],
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL'],
    [{ REMINDER_HOURS: '24,soon' }, 'REMINDER_HOURS'],
    [{ REMINDER_HOURS: '24,-2' }, 'REMINDER_HOURS'],
    [{ REMINDER_HOURS: '24,,2' }, 'REMINDER_HOURS'],
    [{ REMINDER_HOURS: '0' }, 'REMINDER_HOURS'],
    [{ PATIENT_CANCEL_NOTICE_HOURS: '-1' }, 'PATIENT_CANCEL_NOTICE_HOURS'],
    [{ PATIENT_CANCEL_NOTICE_HOURS: 'a day' }, 'PATIENT_CANCEL_NOTICE_HOURS'],
  ])('stops on %o with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('reads WEB_CONCURRENCY as a count, "auto" as one per core, and empty as the default 1', () => {
    expect(loadConfig({ WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
    expect(loadConfig({ WEB_CONCURRENCY: 'auto' }).webConcurrency).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ WEB_CONCURRENCY: '' }).webConcurrency).toBe(1);
  });

  it('sends no mail without SMTP_URL, from clinic@localhost, with reminders 24 and 2 hours ahead by default', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'clinic@localhost', reminderHours: [24, 2] });
    expect(loadConfig({ REMINDER_HOURS: '' }).reminderHours).toEqual([24, 2]);
  });

  it('reads SMTP_URL, MAIL_FROM and REMINDER_HOURS as a list of hours, largest first, without repeats', () => {
    const config = loadConfig({ SMTP_URL: 'smtp://mail.example.org:2525', MAIL_FROM: 'desk@clinic.example', REMINDER_HOURS: '1.5, 48,48' });
    expect(config).toMatchObject({ smtpUrl: 'smtp://mail.example.org:2525', mailFrom: 'desk@clinic.example', reminderHours: [48, 1.5] });
  });

  it('lets patients cancel through their link until 24 hours before the start unless PATIENT_CANCEL_NOTICE_HOURS says otherwise', () => {
    expect(loadConfig({}).patientCancelNoticeHours).toBe(24);
    expect(loadConfig({ PATIENT_CANCEL_NOTICE_HOURS: '48' }).patientCancelNoticeHours).toBe(48);
    expect(loadConfig({ PATIENT_CANCEL_NOTICE_HOURS: '0' }).patientCancelNoticeHours).toBe(0);
  });

  it('reads a comma-separated list of CORS origins', () => {
    expect(loadConfig({ CORS_ORIGIN: 'http://a.example, http://b.example' }).corsOrigins).toEqual(['http://a.example', 'http://b.example']);
  });

  it('requires sign-in by default and listens on loopback only with AUTH_MODE=off', () => {
    expect(loadConfig({})).toMatchObject({ auth: { mode: 'required', sessionIdleMinutes: 30, sessionMaxHours: 12 }, host: undefined });
    expect(loadConfig({ AUTH_MODE: 'off' }).host).toBe('127.0.0.1');
    expect(loadConfig({ AUTH_MODE: 'off', HOST: '::1' }).host).toBe('::1');
  });

  it('trusts forwarded addresses only from TRUSTED_PROXIES; TRUST_PROXY=true means loopback only', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 172.16.0.5', TRUST_PROXY: 'true' }).trustProxy).toEqual(['10.0.0.0/8', '172.16.0.5']);
  });
});
