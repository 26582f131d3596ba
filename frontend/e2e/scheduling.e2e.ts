import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate, clinicTime } from './support/api';
import { audit } from './support/axe-report';
import { launchBrowser } from './support/browser';
import { choosePatient, overflow, VIEWPORTS } from './support/desk';
import { createVia, deskShot, withDeskPage } from './support/desk-page';

const baseURL = inject('baseURL');
const admin = inject('admin');
const reportFile = inject('axeReportFile');
const run = Date.now().toString(36);
// Five days ahead: clear of the days the other suites book and screenshot.
const day = clinicDate(5);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(VIEWPORTS)('scheduling at $name width ($width x $height)', (viewport) => {
  const tag = `${run}${viewport.name}`;

  it('adds a visit type with a buffer on the doctor page, then books it: slots fit the visit and its buffer', async () => {
    const doctorName = `Vera Visit ${tag}`;
    const patientName = `Nina Newpatient ${tag}`;
    const doctor = await createVia<{ id: string }>(baseURL, '/doctors', { name: doctorName, specialty: 'Family Medicine' });
    const patient = await createVia<{ id: string }>(baseURL, '/patients', { name: patientName, email: `nina.${tag}@example.org` });
    const other = await createVia<{ id: string }>(baseURL, '/patients', { name: `Otto Other ${tag}`, email: `otto.${tag}@example.org` });
    // 11:00-11:30 is taken: a 45-minute visit with 10 minutes after it cannot start at 10:30 any more.
    const free = await callApi<{ slots: { start: string }[] }>(baseURL, 'GET', `/availability?doctorId=${doctor.id}&date=${day}`);
    const eleven = free.body.data.slots.find((slot) => clinicTime(slot.start) === '11:00')!.start;
    expect((await callApi(baseURL, 'POST', '/appointments', { doctorId: doctor.id, patientId: other.id, start: eleven })).status).toBe(201);

    await withDeskPage(browser, baseURL, admin, viewport, async (page) => {
      await page.goto(`/doctors/${doctor.id}`);
      const section = page.getByRole('region', { name: 'Visit types' });
      const form = section.getByRole('form', { name: 'Add a visit type' });
      await form.getByLabel('Name').fill('New patient');
      await form.getByLabel('Length (minutes)').fill('45');
      await form.getByLabel(/Buffer after/).fill('10');
      await form.getByRole('button', { name: 'Add visit type' }).click();
      await form.getByText('Added: New patient, 45 min, then 10 min buffer.').waitFor();
      await section.getByRole('button', { name: 'Stop offering New patient' }).waitFor();
      expect(await audit(page, `visit-types-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await deskShot(page, 'visit-types', viewport);

      await page.goto('/book');
      await page.getByLabel('Doctor').selectOption({ label: doctorName });
      await page.getByLabel('Visit type').selectOption({ label: 'New patient (45 min, then 10 min buffer)' });
      await page.getByLabel('Date').fill(day);
      await page.getByText('45-minute slots with 10 minutes free after each', { exact: false }).waitFor();
      await page.getByRole('button', { name: '10:00', exact: true }).waitFor();
      expect(await page.getByRole('button', { name: '10:30', exact: true }).count()).toBe(0);
      await choosePatient(page, 'Nina', patientName);
      await page.getByRole('button', { name: '10:00', exact: true }).click();
      await page.getByRole('button', { name: 'Book appointment' }).click();
      await page.getByRole('main').getByText(`Booked: ${patientName} with ${doctorName}`).waitFor();
      expect(await audit(page, `book-visit-type-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await deskShot(page, 'book-visit-type', viewport);
    });

    const booked = await callApi<Array<{ visitType: { name: string } | null; bufferMinutes: number; start: string; end: string }>>(
      baseURL,
      'GET',
      `/patients/${patient.id}/appointments`,
    );
    expect(booked.body.data.map((a) => [a.visitType?.name, a.bufferMinutes, clinicTime(a.start), clinicTime(a.end)])).toEqual([
      ['New patient', 10, '10:00', '10:45'],
    ]);
  });
});

describe.each(VIEWPORTS)('sites at $name width ($width x $height)', (viewport) => {
  const tag = `${run}${viewport.name}s`;

  it('adds a New York site, gives a doctor Thursdays there in the rota editor, and books a New York time', async () => {
    const siteName = `New York ${tag}`;
    const doctorName = `Sol Sites ${tag}`;
    const patientName = `Paz Across ${tag}`;
    const doctor = await createVia<{ id: string }>(baseURL, '/doctors', { name: doctorName, specialty: 'Family Medicine' });
    await createVia<{ id: string }>(baseURL, '/patients', { name: patientName, email: `paz.${tag}@example.org` });
    // The Thursday two to three weeks ahead.
    const offset = 14 + ((11 - new Date(`${clinicDate(14)}T12:00:00Z`).getUTCDay()) % 7);
    const thursday = clinicDate(offset);

    await withDeskPage(browser, baseURL, admin, viewport, async (page) => {
      await page.goto('/sites');
      const add = page.getByRole('form', { name: 'Add a site' });
      await add.getByLabel('Name').fill(siteName);
      await add.getByLabel('Address').fill('5 Park Avenue');
      await add.getByLabel('Time zone').fill('America/New_York');
      await add.getByRole('button', { name: 'Add site' }).click();
      await page.getByText(`Added: ${siteName}, times in America/New_York.`).waitFor();
      await page.getByRole('heading', { level: 2, name: siteName }).waitFor();
      expect(await audit(page, `sites-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await deskShot(page, 'sites', viewport);

      await page.goto(`/doctors/${doctor.id}`);
      const rota = page.getByRole('form', { name: 'New rota' });
      await rota.getByLabel('From date').fill(clinicDate(1));
      await rota.getByLabel('Thursday from').fill('13:00');
      await rota.getByLabel('Thursday until').fill('15:00');
      await rota.getByLabel('Thursday site').selectOption({ label: `${siteName} (America/New_York)` });
      await rota.getByRole('button', { name: 'Save rota' }).click();
      await rota.getByText(/^Saved: from /).waitFor();
      expect(await audit(page, `rota-sites-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);

      await page.goto('/book');
      await page.getByLabel('Doctor').selectOption({ label: doctorName });
      await page.getByLabel('Date').fill(thursday);
      await page.getByText(`At ${siteName}, times in America/New_York`).waitFor();
      await choosePatient(page, 'Paz', patientName);
      await page.getByRole('button', { name: `13:00 at ${siteName}` }).click();
      await page.getByRole('button', { name: 'Book appointment' }).click();
      await page
        .getByRole('main')
        .getByText(new RegExp(`Booked: ${patientName} with ${doctorName} on .* at 13:00\\.`))
        .waitFor();
      expect(await audit(page, `book-site-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await deskShot(page, 'book-site', viewport);

      // The day grid for that site alone, drawn in its zone: the visit sits at 13:00 New York time.
      await page.goto(`/?date=${thursday}`);
      await page.getByRole('combobox', { name: 'Site', exact: true }).selectOption({ label: `${siteName} (America/New_York)` });
      await page.getByRole('button', { name: new RegExp(`^13:00–13:30 ${patientName}`) }).waitFor();
      expect(await audit(page, `grid-site-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
    });

    const booked = await callApi<Array<{ start: string; site: { name: string; timezone: string } }>>(
      baseURL,
      'GET',
      `/appointments?doctorId=${doctor.id}`,
    );
    expect(booked.body.data.map((a) => [a.site.name, a.site.timezone, clinicTime(a.start, 'America/New_York')])).toEqual([
      [siteName, 'America/New_York', '13:00'],
    ]);
  });
});
