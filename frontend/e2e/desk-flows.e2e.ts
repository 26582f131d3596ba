import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate, clinicTime } from './support/api';
import { audit } from './support/axe-report';
import { holdLiveUpdates, launchBrowser, watchConsole } from './support/browser';
import { choosePatient, deskContext, fullyInView, overflow, VIEWPORTS, type Viewport } from './support/desk';
import { screenshots } from './support/screens';

const baseURL = inject('baseURL');
const admin = inject('admin');
const reportFile = inject('axeReportFile');
const run = Date.now().toString(36);
// Three days ahead: clear of the days the other suites book and screenshot.
const day = clinicDate(3);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function create<T extends { id: string }>(path: string, body: Record<string, unknown>): Promise<T> {
  const created = await callApi<T>(baseURL, 'POST', path, body);
  if (created.status !== 201) throw new Error(`POST ${path}: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.data;
}

async function slotAt(doctorId: string, time: string): Promise<string> {
  const free = await callApi<{ slots: { start: string }[] }>(baseURL, 'GET', `/availability?doctorId=${doctorId}&date=${day}`);
  const slot = free.body.data.slots.find((s) => clinicTime(s.start) === time);
  if (!slot) throw new Error(`no free ${time} slot`);
  return slot.start;
}

/** One page per viewport, failing the test on any console error but the 409s it provokes. */
async function withPage(viewport: Viewport, body: (page: Page, console_: ReturnType<typeof watchConsole>) => Promise<void>) {
  const context = await deskContext(browser, baseURL, admin, viewport);
  const page = await context.newPage();
  const console_ = watchConsole(page);
  try {
    await body(page, console_);
    expect(console_.errors, 'console errors').toEqual([]);
  } finally {
    await context.close();
  }
}

const shot = (page: Page, name: string, viewport: Viewport) =>
  page.screenshot({ path: join(screenshots, `desk-${name}-${viewport.name}.png`) });

describe.each(VIEWPORTS)('the front desk at $name width ($width x $height)', (viewport) => {
  const tag = `${run}${viewport.name}`;
  const doctorName = `Zora Desk ${tag}`;
  const patientName = `Quincy Typeahead ${tag}`;
  let doctorId = '';
  let patientId = '';

  beforeAll(async () => {
    doctorId = (await create<{ id: string }>('/doctors', { name: doctorName, specialty: 'Family Medicine' })).id;
    // No email: a child may have none.
    patientId = (await create<{ id: string }>('/patients', { name: patientName, dateOfBirth: '2019-03-04' })).id;
  });

  it('books by typing part of the name, by keyboard, without offering times the patient is busy', async () => {
    const other = await create<{ id: string }>('/doctors', { name: `Zeno Elsewhere ${tag}`, specialty: 'Dermatology' });
    const busy = await callApi(baseURL, 'POST', '/appointments', { doctorId: other.id, patientId, start: await slotAt(other.id, '11:00') });
    expect(busy.status).toBe(201);

    await withPage(viewport, async (page) => {
      await page.goto('/book');
      await page.getByLabel('Doctor').selectOption({ label: doctorName });
      await page.getByLabel('Date').fill(day);
      await page.getByRole('button', { name: '11:00', exact: true }).waitFor();

      const box = page.getByRole('combobox', { name: 'Patient' });
      await box.pressSequentially(`typeahead ${tag}`.slice(0, 12));
      const listbox = page.getByRole('listbox', { name: 'Matching patients' });
      await listbox.getByRole('option', { name: new RegExp(patientName) }).waitFor();
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      await box.press('ArrowDown');
      expect(await box.getAttribute('aria-activedescendant')).toBe(await listbox.getByRole('option').first().getAttribute('id'));
      expect(await audit(page, `book-typeahead-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await shot(page, 'book-typeahead', viewport);
      await box.press('Escape');
      expect(await box.getAttribute('aria-expanded')).toBe('false');

      await choosePatient(page, 'Quincy', patientName);
      expect(await box.inputValue()).toBe(patientName);
      // With the patient chosen, 11:00 (booked with the other doctor) is no longer offered.
      await expect.poll(() => page.getByRole('button', { name: '11:00', exact: true }).count()).toBe(0);
      await page.getByRole('button', { name: '11:30', exact: true }).waitFor();

      await page.getByRole('button', { name: '10:00', exact: true }).click();
      await page.getByLabel('Reason').fill('Vaccination');
      const submit = page.getByRole('button', { name: 'Book appointment' });
      await submit.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('main').getByText(`Booked: ${patientName} with ${doctorName}`).waitFor();
      // Focus stays on the button pressed, so the next Tab goes on from the form, not the skip link.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Book appointment');
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await shot(page, 'book-booked', viewport);
    });
  });

  it('keeps a reschedule conflict in view inside the dialog, then moves on the next choice', async () => {
    const mover = await create<{ id: string }>('/patients', { name: `Rhea Mover ${tag}`, email: `rhea.${tag}@example.org` });
    const rival = await create<{ id: string }>('/patients', { name: `Rafe Rival ${tag}`, email: `rafe.${tag}@example.org` });
    const booked = await callApi(baseURL, 'POST', '/appointments', {
      doctorId,
      patientId: mover.id,
      start: await slotAt(doctorId, '09:00'),
    });
    expect(booked.status).toBe(201);

    await withPage(viewport, async (page, console_) => {
      await holdLiveUpdates(page);
      await page.goto('/appointments');
      await page.getByLabel('Doctor').selectOption({ label: doctorName });
      await page.getByLabel('Date').fill(day);
      const row = page.getByRole('row').filter({ hasText: `Rhea Mover ${tag}` });
      await row.waitFor();
      const opener = row.getByRole('button', { name: 'Reschedule' });
      // At phone width the row is a card: its actions are on screen, not beyond a scrolled edge.
      const box = await opener.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await shot(page, 'appointments', viewport);

      await opener.click();
      const dialog = page.getByRole('dialog', { name: 'Reschedule appointment' });
      const late = dialog.getByRole('button', { name: '16:30', exact: true });
      await late.waitFor();
      const taken = await callApi(baseURL, 'POST', '/appointments', {
        doctorId,
        patientId: rival.id,
        start: await slotAt(doctorId, '16:30'),
      });
      expect(taken.status).toBe(201);

      console_.expect(/status of 409/);
      await late.click();
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`${doctorName} is no longer free at that time.`);
      await expect.poll(() => fullyInView(page, 'dialog [role="alert"]')).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.contains(document.querySelector('dialog [role="alert"]')))).toBe(true);
      expect(await audit(page, `reschedule-conflict-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await shot(page, 'reschedule-conflict', viewport);

      await dialog.getByRole('button', { name: '15:00', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => row.textContent()).toContain('15:00');
    });
  });

  it('checks a patient in and completes the visit from the list, by keyboard', async () => {
    const arriving = await create<{ id: string }>('/patients', { name: `Ida Arriving ${tag}`, email: `ida.${tag}@example.org` });
    const booked = await callApi<{ id: string }>(baseURL, 'POST', '/appointments', {
      doctorId,
      patientId: arriving.id,
      start: await slotAt(doctorId, '13:00'),
    });
    expect(booked.status).toBe(201);

    // A colleague's screen on the same day: it must change without a reload.
    const colleague = await deskContext(browser, baseURL, admin, viewport);
    const other = await colleague.newPage();
    await other.goto('/appointments');
    await other.getByLabel('Doctor').selectOption({ label: doctorName });
    await other.getByLabel('Date').fill(day);
    const otherRow = other.getByRole('row').filter({ hasText: `Ida Arriving ${tag}` });
    await otherRow.getByText('Booked', { exact: true }).waitFor();

    await withPage(viewport, async (page) => {
      await page.goto('/appointments');
      await page.getByLabel('Doctor').selectOption({ label: doctorName });
      await page.getByLabel('Date').fill(day);
      const row = page.getByRole('row').filter({ hasText: `Ida Arriving ${tag}` });
      await row.getByRole('button', { name: 'Check in' }).focus();
      await page.keyboard.press('Enter');
      await row.getByText('Checked in', { exact: true }).waitFor();
      await row.getByText(/^Arrived \d\d:\d\d by /).waitFor();
      expect(await page.getByRole('status').first().textContent()).toContain(
        `Checked in: Ida Arriving ${tag} with ${doctorName} at 13:00.`,
      );
      expect(await row.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
      expect(await audit(page, `check-in-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await shot(page, 'check-in', viewport);
      await otherRow.getByText('Checked in', { exact: true }).waitFor();
      expect(await other.getByText(`Checked in: Ida Arriving ${tag} with ${doctorName},`).count()).toBe(1);

      await row.getByRole('button', { name: 'Complete' }).focus();
      await page.keyboard.press('Enter');
      await row.getByText('Completed', { exact: true }).waitFor();
      expect(await row.getByRole('button').count()).toBe(0);
    });
    await colleague.close();
    const stored = await callApi<{ status: string; checkedInBy: string }>(baseURL, 'GET', `/appointments/${booked.body.data.id}`);
    expect([stored.body.data.status, stored.body.data.checkedInBy]).toEqual(['COMPLETED', admin.email]);
  });

  it('adds time off on the doctor page: the appointment inside it is named, and booking offers none of its slots', async () => {
    const inside = await create<{ id: string }>('/patients', { name: `Olga Inside ${tag}`, email: `olga.${tag}@example.org` });
    const booked = await callApi(baseURL, 'POST', '/appointments', {
      doctorId,
      patientId: inside.id,
      start: await slotAt(doctorId, '14:00'),
    });
    expect(booked.status).toBe(201);

    await withPage(viewport, async (page) => {
      await page.goto('/doctors');
      await page.getByLabel('Search doctors').fill(doctorName);
      await page.getByRole('link', { name: doctorName }).click();
      await page.getByRole('heading', { level: 1, name: doctorName }).waitFor();
      const form = page.getByRole('form', { name: 'Add time off' });
      await form.getByLabel('From date').fill(day);
      await form.getByLabel('From time').fill('14:00');
      await form.getByLabel('Until date').fill(day);
      await form.getByLabel('Until time').fill('15:00');
      await form.getByLabel('Reason').selectOption('training');
      await form.getByRole('button', { name: 'Add time off' }).click();
      const affected = page.getByRole('region', { name: 'Appointments inside the time off' });
      await affected.getByRole('link', { name: `Olga Inside ${tag}` }).waitFor();
      await page.getByRole('button', { name: /^Remove time off .*14:00–15:00$/ }).waitFor();
      expect(await audit(page, `time-off-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await shot(page, 'time-off', viewport);

      await page.goto('/book');
      await page.getByLabel('Doctor').selectOption({ label: doctorName });
      await page.getByLabel('Date').fill(day);
      await page.getByRole('button', { name: '12:00', exact: true }).waitFor();
      expect(await page.getByRole('button', { name: '14:30', exact: true }).count()).toBe(0);
    });
  });

  it('sets a rota from a later date on the doctor page: days before keep their hours, days after follow it', async () => {
    const rotaDoctor = `Rhys Rota ${tag}`;
    const doctor = await create<{ id: string }>('/doctors', { name: rotaDoctor, specialty: 'Family Medicine' });
    // A Monday four to five weeks ahead, and the Tuesdays either side of it.
    const offset = 28 + ((8 - new Date(`${clinicDate(28)}T12:00:00Z`).getUTCDay()) % 7);
    const [monday, tuesdayBefore, tuesdayAfter] = [clinicDate(offset), clinicDate(offset - 6), clinicDate(offset + 1)];
    const slotsOn = async (date: string) =>
      (await callApi<{ slots: unknown[] }>(baseURL, 'GET', `/availability?doctorId=${doctor.id}&date=${date}`)).body.data.slots.length;

    await withPage(viewport, async (page) => {
      await page.goto(`/doctors/${doctor.id}`);
      const form = page.getByRole('form', { name: 'New rota' });
      await form.getByLabel('From date').fill(monday);
      for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
        await form.getByRole('checkbox', { name: `${day}: works` }).uncheck();
      }
      await form.getByLabel('Monday until').fill('12:00');
      await form.getByRole('button', { name: 'Save rota' }).click();
      await form.getByText(/^Saved: from /).waitFor();
      expect(await audit(page, `rota-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await shot(page, 'rota', viewport);
    });
    expect([await slotsOn(tuesdayBefore), await slotsOn(monday), await slotsOn(tuesdayAfter)]).toEqual([16, 6, 0]);
  });

  it('opens the patient page from the list: details, appointments, and book again with the same doctor', async () => {
    await withPage(viewport, async (page) => {
      await page.goto('/patients');
      await page.getByLabel('Search patients').fill(`Typeahead ${tag}`);
      await page.getByRole('link', { name: patientName }).click();
      await page.getByRole('heading', { level: 1, name: patientName }).waitFor();
      expect(await page.title()).toBe(`${patientName} · Clinic desk`);
      expect(await page.getByRole('definition').first().textContent()).toBe('None given');
      expect(await page.getByText('4 Mar 2019').count()).toBe(1);
      const upcoming = page.getByRole('region', { name: 'Upcoming appointments' });
      await upcoming.getByText('Reason: Vaccination').waitFor();
      expect(await upcoming.getByRole('listitem').count()).toBe(2);

      expect(await audit(page, `patient-page-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await shot(page, 'patient-page', viewport);

      await upcoming.getByRole('link', { name: `Book again with ${doctorName}` }).click();
      await page.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
      await expect.poll(() => page.getByRole('combobox', { name: 'Patient' }).inputValue()).toBe(patientName);
      await expect.poll(() => page.getByLabel('Doctor').inputValue()).toBe(doctorId);
    });
  });

  it('shows every doctor of a busy day without hiding any beyond the edge', async () => {
    await withPage(viewport, async (page) => {
      await page.goto(`/?date=${day}`);
      const grid = page.getByRole('grid', { name: /^Appointments on / });
      await grid.waitFor();
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      if (viewport.name === 'phone') {
        // One doctor at a time, chosen from every doctor of the day.
        const switcher = page.getByLabel('Doctor', { exact: true });
        await switcher.selectOption(doctorId);
        await grid.getByRole('columnheader', { name: new RegExp(doctorName) }).waitFor();
        expect(await grid.getByRole('columnheader').count()).toBe(2);
      } else {
        // The grid scrolls sideways inside itself, not the page; every column can be scrolled to.
        const header = grid.getByRole('columnheader', { name: new RegExp(doctorName) });
        await header.scrollIntoViewIfNeeded();
        const box = await header.boundingBox();
        expect(box && box.x + box.width).toBeLessThanOrEqual(viewport.width);
        // The arrow keys reach the last column too, drawing the columns they scroll into view.
        const heads = grid.getByRole('columnheader');
        const last = ((await heads.last().getByRole('link').textContent()) ?? '').replace(' (week view)', '');
        await grid.getByRole('gridcell').first().focus();
        for (let i = 2; i < (await heads.count()); i += 1) await page.keyboard.press('ArrowRight');
        await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toContain(`, ${last}, `);
      }
      await shot(page, 'schedule', viewport);
    });
  });
});
