import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate } from './support/api';
import { audit } from './support/axe-report';
import { launchBrowser } from './support/browser';
import { overflow, VIEWPORTS } from './support/desk';
import { createVia, deskShot, withDeskPage } from './support/desk-page';

const baseURL = inject('baseURL');
const admin = inject('admin');
const reportFile = inject('axeReportFile');
const run = Date.now().toString(36);
const day = clinicDate(7);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

// The suite's server has no SMTP_URL: what would have gone out is kept, unsent, for the desk to read.
describe.each(VIEWPORTS)('messages at $name width ($width x $height)', (viewport) => {
  const tag = `${run}${viewport.name}`;

  it('shows the confirmation of a booking, readable as text and as sandboxed HTML', async () => {
    const doctor = await createVia<{ id: string }>(baseURL, '/doctors', { name: `Mia Mail ${tag}`, specialty: 'Family Medicine' });
    const email = `olga.${tag}@example.org`;
    const patient = await createVia<{ id: string }>(baseURL, '/patients', { name: `Olga Post ${tag}`, email });
    const booked = await callApi<{ id: string }>(baseURL, 'POST', '/appointments', {
      doctorId: doctor.id,
      patientId: patient.id,
      start: `${day}T11:00:00`,
    });
    expect(booked.status).toBe(201);

    await withDeskPage(browser, baseURL, admin, viewport, async (page) => {
      await page.goto('/messages');
      await page.getByText('Email is not set up (SMTP_URL)').waitFor();
      const row = page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Confirmation' });
      // The worker makes the messages within a second or so of the booking; the page reads again every few.
      await row.waitFor({ timeout: 15_000 });
      await expect.poll(() => row.textContent()).toContain('SMTP_URL is not set');
      await row.getByRole('button').click();

      const view = page.getByRole('article', { name: /^Message: Your appointment/ });
      await view.getByText(`Hello Olga,`).waitFor();
      expect(await view.textContent()).toContain(`Mia Mail ${tag}`);
      // Audited before the HTML is shown: axe waits for an answer from every frame, and a frame with
      // every sandbox restriction runs no script to give one.
      expect(await audit(page, `messages-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await view.getByRole('button', { name: 'Show HTML' }).click();
      const frame = view.getByTitle('HTML body');
      expect(await frame.getAttribute('sandbox')).toBe('');
      await page.frameLocator('iframe[title="HTML body"]').getByText(`Mia Mail ${tag}`, { exact: false }).waitFor();
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await deskShot(page, 'messages', viewport);
    });
  });
});
