import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate } from './support/api';
import { audit } from './support/axe-report';
import { launchBrowser, newContext, watchConsole } from './support/browser';
import { choosePatient, overflow, VIEWPORTS } from './support/desk';
import { createVia, deskShot, withDeskPage } from './support/desk-page';
import { screenshots } from './support/screens';

const baseURL = inject('baseURL');
const admin = inject('admin');
const reportFile = inject('axeReportFile');
const run = Date.now().toString(36);
const day = clinicDate(6);
const PHONE = { width: 390, height: 844 };
const [desktop] = VIEWPORTS;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

type Message = { kind: string; recipient: string | null; text?: string; id: string };

/** The offer link from the mail the suite's server kept (it has no SMTP_URL), as a path on this server. */
async function offerPath(email: string): Promise<string> {
  for (let tries = 0; tries < 60; tries += 1) {
    const listed = await callApi<Message[]>(baseURL, 'GET', '/messages?limit=100');
    const offer = listed.body.data.find((message) => message.kind === 'waitlist_offer' && message.recipient === email);
    if (offer) {
      const full = await callApi<Message>(baseURL, 'GET', `/messages/${offer.id}`);
      return /\/offer\/[\w.-]+/.exec(full.body.data.text ?? '')![0];
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('no offer mail was made');
}

describe('the waitlist, from the desk to the patient’s phone', () => {
  it('adds a patient at the desk, offers them a cancelled slot, and books it when they accept through the link', async () => {
    const doctor = await createVia<{ id: string }>(baseURL, '/doctors', { name: `Dr. Wanda Wait ${run}`, specialty: 'Neurology' });
    const booked = await createVia<{ id: string }>(baseURL, '/patients', { name: `Bea Booked ${run}`, email: `bea.${run}@example.org` });
    const email = `wes.${run}@example.org`;
    await createVia<{ id: string }>(baseURL, '/patients', { name: `Wes Waiting ${run}`, email });
    const appointment = await callApi<{ id: string }>(baseURL, 'POST', '/appointments', {
      doctorId: doctor.id,
      patientId: booked.id,
      start: `${day}T10:00:00`,
    });
    expect(appointment.status).toBe(201);

    await withDeskPage(browser, baseURL, admin, desktop, async (page) => {
      await page.goto('/waitlist');
      const form = page.getByRole('form', { name: 'Add to the waitlist' });
      await choosePatient(page, `Wes Waiting ${run}`, `Wes Waiting ${run}`);
      await form.getByLabel('Doctor', { exact: true }).selectOption({ label: `Dr. Wanda Wait ${run} (Neurology)` });
      const time = form.getByRole('group', { name: 'Time 1' });
      await time.getByLabel('Day').selectOption('date');
      await time.getByLabel('Date').fill(day);
      await time.getByLabel('From').fill('09:00');
      await time.getByLabel('Until').fill('12:00');
      await form.getByRole('button', { name: 'Add to waitlist' }).click();
      await page.getByText(`Wes Waiting ${run} is on the waitlist.`).waitFor();

      expect((await callApi(baseURL, 'POST', `/appointments/${appointment.body.data.id}/cancel`, {})).status).toBe(200);
      const path = await offerPath(email);
      const held = await callApi<unknown>(baseURL, 'POST', '/appointments', {
        doctorId: doctor.id,
        patientId: booked.id,
        start: `${day}T10:00:00`,
      });
      expect(held.status).toBe(409);

      // The patient's phone: no session, the link is the key.
      const phone = await newContext(browser, baseURL, PHONE.width);
      phone.setDefaultTimeout(15_000);
      const offerPage = await phone.newPage();
      await offerPage.setViewportSize(PHONE);
      const browserConsole = watchConsole(offerPage);
      try {
        await offerPage.goto(path);
        await offerPage.getByText('Hello Wes,').waitFor();
        expect(await offerPage.getByText(/10:00/).count()).toBeGreaterThan(0);
        expect(await offerPage.content()).not.toContain(email);
        expect(await audit(offerPage, 'waitlist-offer-phone', reportFile), 'serious/critical axe violations').toEqual([]);
        expect(await overflow(offerPage), 'horizontal overflow').toBeLessThanOrEqual(0);
        await offerPage.screenshot({ path: join(screenshots, 'waitlist-offer-phone.png'), fullPage: true });
        await offerPage.getByRole('button', { name: 'Accept this time' }).click();
        await offerPage.getByRole('status').filter({ hasText: 'It is booked.' }).waitFor();
        expect(browserConsole.errors).toEqual([]);
      } finally {
        await phone.close();
      }

      const listed = await callApi<Array<{ patientId: string; status: string }>>(
        baseURL,
        'GET',
        `/appointments?doctorId=${doctor.id}&date=${day}&status=BOOKED`,
      );
      expect(listed.body.data.map((row) => row.status)).toEqual(['BOOKED']);
      await page.reload();
      await page.getByLabel('Status', { exact: true }).selectOption('booked');
      const entry = page.getByRole('article', { name: new RegExp(`Wes Waiting ${run}`) });
      await entry.getByText(/accepted/i).waitFor();
      await entry.scrollIntoViewIfNeeded();
      expect(await audit(page, 'waitlist-desktop', reportFile), 'serious/critical axe violations').toEqual([]);
      await deskShot(page, 'waitlist', desktop);
    });
  });
});
