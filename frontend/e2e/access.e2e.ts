import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate } from './support/api';
import { demoAccounts, signedInContext, type Credentials } from './support/auth';
import { audit } from './support/axe-report';
import { launchBrowser, newContext, watchConsole } from './support/browser';
import { desktopAndPhone, screenshots } from './support/screens';

const baseURL = inject('baseURL');
const reportFile = inject('axeReportFile');
const admin = inject('admin');
const run = Date.now().toString(36);

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
});

async function open(context: BrowserContext): Promise<{ page: Page; console_: ReturnType<typeof watchConsole> }> {
  contexts.push(context);
  const page = await context.newPage();
  return { page, console_: watchConsole(page) };
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

async function menu(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link').first().waitFor();
  return nav.getByRole('link').allTextContents();
}

/** A new account of the given role, made through the API with the suite's admin token. */
async function newAccount(
  role: 'staff' | 'doctor',
  name: string,
  extra: Record<string, unknown> = {},
): Promise<Credentials & { name: string }> {
  const account = { email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`, password: `Sturdy-${run}-Passphrase`, name };
  const created = await callApi(baseURL, 'POST', '/accounts', { ...account, role, ...extra });
  if (created.status !== 201) throw new Error(`creating ${name} failed: ${JSON.stringify(created.body)}`);
  return account;
}

async function signInWith(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('sign-in, roles and admin pages in a real browser', () => {
  it('sends a visitor to sign in, back to the page asked for, and signs out for good', async () => {
    const staff = await newAccount('staff', `Sam Desk ${run}`);
    const demo = await demoAccounts(baseURL);
    const { page, console_ } = await open(await newContext(browser, baseURL));
    // Before sign-in, and with a wrong password, the API answers 401; Chromium logs each one.
    console_.expect(/status of 401/);
    await page.goto('/patients');
    await heading(page, 'Sign in').waitFor();
    expect(new URL(page.url()).search).toBe('?next=%2Fpatients');
    expect(await page.title()).toBe('Sign in · Clinic desk');
    // Demo accounts are listed only by a server that loaded the demo clinic (never in production).
    await page.getByLabel('Email').waitFor();
    expect(await page.getByRole('region', { name: 'Demo accounts list' }).count()).toBe(demo.length > 0 ? 1 : 0);
    expect(await audit(page, 'sign-in', reportFile), 'serious/critical axe violations').toEqual([]);
    await desktopAndPhone(page, 'sign-in');

    await signInWith(page, staff.email, 'not the right password');
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await signInWith(page, staff.email, staff.password);
    await heading(page, 'Patients').waitFor();
    expect(new URL(page.url()).pathname).toBe('/patients');
    expect(await menu(page)).toEqual([
      'Schedule',
      'Book',
      'Appointments',
      'Doctors',
      'Sites',
      'Patients',
      'Waitlist',
      'Messages',
      'My account',
    ]);
    expect(await page.getByRole('banner').textContent()).toContain(staff.name);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect((await page.context().request.get('/api/auth/me')).status()).toBe(401);
    await page.goto('/patients');
    await heading(page, 'Sign in').waitFor();
    expect(console_.errors).toEqual([]);
  });

  it('returns to sign-in when the session ends on the server, then back where the user was', async () => {
    const context = await signedInContext(browser, baseURL, admin);
    const { page, console_ } = await open(context);
    await page.goto('/appointments');
    await heading(page, 'Appointments').waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'clinic_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');

    // End the session on the server while the browser keeps its (now dead) cookie.
    expect((await context.request.post('/api/auth/logout')).status()).toBe(204);
    await context.addCookies(cookies);
    console_.expect(/status of 401/);
    // The next page asked for meets the ended session. A refresh in the background may meet it
    // first and show the sign-in already; either way the user lands on sign-in, bound for Patients.
    await page.goto('/patients');
    await heading(page, 'Sign in').waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/patients');

    await signInWith(page, admin.email, admin.password);
    await heading(page, 'Patients').waitFor();
    expect(new URL(page.url()).pathname).toBe('/patients');
    expect(console_.errors).toEqual([]);
  });

  it('lets an admin create a doctor account, which then sees only its own day', async () => {
    const { page, console_ } = await open(await signedInContext(browser, baseURL, admin));
    await page.goto('/accounts');
    await heading(page, 'Accounts').waitFor();
    await page.getByRole('region', { name: 'Accounts list' }).getByRole('row').nth(1).waitFor();
    expect(await menu(page)).toEqual([
      'Schedule',
      'Book',
      'Appointments',
      'Doctors',
      'Sites',
      'Patients',
      'Waitlist',
      'Messages',
      'Accounts',
      'Tokens',
      'Webhooks',
      'Audit log',
      'My account',
    ]);
    expect(await audit(page, 'accounts', reportFile)).toEqual([]);
    await desktopAndPhone(page, 'accounts');

    const name = `Dora Doctor ${run}`;
    const email = `dora.${run}@example.com`;
    const password = `Correct-Horse-${run}-Battery`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Role').selectOption('doctor');
    const linked = page.getByLabel('Linked doctor');
    await expect.poll(() => linked.locator('option').count()).toBeGreaterThan(1);
    await linked.selectOption({ index: 1 });
    const doctorName = ((await linked.locator('option:checked').textContent()) ?? '').split(' · ')[0]!;
    const doctorId = await linked.inputValue();
    await page.getByLabel('Initial password').fill(password);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByText(`Added ${name} (doctor).`).waitFor();
    const row = page.getByRole('row').filter({ hasText: email });
    await row.waitFor();
    expect(await row.textContent()).toContain(doctorName);

    const doctorPage = (await open(await signedInContext(browser, baseURL, { email, password }))).page;
    await doctorPage.goto('/');
    await heading(doctorPage, 'My day').waitFor();
    expect(await menu(doctorPage)).toEqual(['My day', 'My account']);
    // A day of this doctor's with a booking, to see it as the doctor does (patient name, reason).
    const from = new Date().toISOString();
    const next = await callApi<{ start: string; patient: { name: string } }[]>(
      baseURL,
      'GET',
      `/appointments?doctorId=${doctorId}&status=BOOKED&from=${encodeURIComponent(from)}&limit=1`,
    );
    const booking = next.body.data[0];
    if (booking) await doctorPage.getByLabel('Date').fill(clinicDate(0, 'Europe/London', new Date(booking.start)));
    const day = doctorPage.getByRole('region', { name: doctorName });
    await day.waitFor();
    if (booking) await day.getByText(booking.patient.name).first().waitFor();
    expect(await audit(doctorPage, 'my-day', reportFile)).toEqual([]);
    await desktopAndPhone(doctorPage, 'my-day');
    await doctorPage.goto('/patients');
    await heading(doctorPage, 'Not available to your account').waitFor();
    expect((await doctorPage.context().request.get('/api/patients')).status()).toBe(403);
    expect(console_.errors).toEqual([]);
  });

  it('shows a new token once, with a copy button; it works until revoked after a confirmation', async () => {
    const context = await signedInContext(browser, baseURL, admin);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page, console_ } = await open(context);
    await page.goto('/tokens');
    await heading(page, 'Integrator tokens').waitFor();
    expect(await page.title()).toBe('Tokens · Clinic desk');
    const name = `lab-${run}`;
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create token' }).click();

    const box = page.getByRole('region', { name: `Token “${name}” created` });
    await box.waitFor();
    expect(await box.textContent()).toContain('you will not see it again');
    const secret = await box.getByLabel('Token (staff)').inputValue();
    expect(secret).toMatch(/^clk_/);
    await box.getByRole('button', { name: 'Copy token' }).click();
    await expect.poll(() => box.getByRole('status').textContent()).toContain('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect(await audit(page, 'token-secret', reportFile)).toEqual([]);
    await desktopAndPhone(page, 'token-secret');
    expect((await callApi(baseURL, 'GET', '/doctors', undefined, secret)).status).toBe(200);

    await box.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByRole('button', { name: 'Create token' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await row.textContent()).not.toContain('Never');
    expect(await audit(page, 'tokens', reportFile)).toEqual([]);
    await desktopAndPhone(page, 'tokens');

    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this token?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep token');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect((await callApi(baseURL, 'GET', '/doctors', undefined, secret)).status).toBe(401);
    expect(console_.errors).toEqual([]);
  });

  it('shows the audit log with filters and verifies the hash chain', async () => {
    const { page, console_ } = await open(await signedInContext(browser, baseURL, admin));
    await page.goto('/audit');
    await heading(page, 'Audit log').waitFor();
    const records = page.getByRole('region', { name: 'Audit records' });
    await records.getByRole('row').nth(1).waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Chain intact: \d+ records checked/);
    expect(await audit(page, 'audit-log', reportFile)).toEqual([]);
    await desktopAndPhone(page, 'audit-log');

    // Filter by the newest record's action: every row left carries it.
    const action = (await records.getByRole('row').nth(1).getByRole('cell').nth(3).textContent()) ?? '';
    await page.getByLabel('Action').selectOption(action);
    await expect
      .poll(async () => {
        const rows = (await records.getByRole('row').allTextContents()).slice(1);
        return rows.length > 0 && rows.every((r) => r.includes(action));
      })
      .toBe(true);
    expect(console_.errors).toEqual([]);
  });

  it('sets up two-step sign-in from the own account page: QR image and otpauth address', async () => {
    const tess = await newAccount('staff', `Tess Totp ${run}`);
    const { page, console_ } = await open(await signedInContext(browser, baseURL, tess));
    await page.goto('/account');
    await heading(page, 'My account').waitFor();
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    const qr = page.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByLabel(/add this address to the app by hand/).inputValue()).toMatch(/^otpauth:\/\/totp\//);
    expect(await audit(page, 'my-account', reportFile)).toEqual([]);
    await desktopAndPhone(page, 'my-account');
    expect(console_.errors).toEqual([]);
  });
});
