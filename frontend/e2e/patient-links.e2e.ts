import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate } from './support/api';
import { audit } from './support/axe-report';
import { launchBrowser, newContext, watchConsole } from './support/browser';
import { overflow } from './support/desk';
import { createVia } from './support/desk-page';
import { screenshots } from './support/screens';

const baseURL = inject('baseURL');
const reportFile = inject('axeReportFile');
const run = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('a patient’s cancel link on a phone', () => {
  it('opens without sign-in, shows the visit in the clinic’s zone, and cancels after a yes', async () => {
    const doctor = await createVia<{ id: string }>(baseURL, '/doctors', { name: `Dr. Lina Link ${run}`, specialty: 'Dermatology' });
    const patient = await createVia<{ id: string }>(baseURL, '/patients', {
      name: `Pat Link ${run}`,
      email: `pat.${run}@example.org`,
      phone: '+44 20 7946 0999',
    });
    const booked = await callApi<{ id: string }>(baseURL, 'POST', '/appointments', {
      doctorId: doctor.id,
      patientId: patient.id,
      start: `${clinicDate(5)}T10:00:00`,
    });
    expect(booked.status).toBe(201);
    const links = await callApi<{ cancel: string }>(baseURL, 'GET', `/appointments/${booked.body.data.id}/patient-links`);
    // The link is built on PUBLIC_URL; the suite's server answers on its own address.
    const path = new URL(links.body.data.cancel).pathname;

    // A fresh browser with no session, in another zone than the clinic's, at phone size.
    const context = await newContext(browser, baseURL, PHONE.width);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    const browserConsole = watchConsole(page);
    try {
      await page.goto(path);
      await page.getByText(`Hello Pat,`).waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
      // 10:00 in London, whatever the phone's own zone (New York here).
      expect(await page.getByText(/10:00–10:30/).count()).toBe(1);
      expect(await page.content()).not.toContain(`pat.${run}@example.org`);
      expect(await audit(page, 'patient-visit-phone', reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(screenshots, 'patient-visit-cancel-phone.png'), fullPage: true });

      await page.getByRole('button', { name: 'Cancel appointment' }).click();
      await page.getByRole('button', { name: 'Yes, cancel it' }).click();
      await page.getByRole('status').filter({ hasText: 'This appointment is cancelled.' }).waitFor();
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(screenshots, 'patient-visit-cancelled-phone.png'), fullPage: true });

      const after = await callApi<{ status: string }>(baseURL, 'GET', `/appointments/${booked.body.data.id}`);
      expect(after.body.data.status).toBe('CANCELLED');
      expect(browserConsole.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
