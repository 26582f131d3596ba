import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate, clinicTime } from './support/api';
import { signedInContext } from './support/auth';
import { holdLiveUpdates, launchBrowser, watchConsole } from './support/browser';
import { choosePatient } from './support/desk';

const baseURL = inject('baseURL');
const admin = inject('admin');
const run = Date.now().toString(36);
// Named to sort after the demo doctors, so the screenshots lead with the demo data.
const doctorName = `Zoe Tester ${run}`;
const patientName = `Zac Endtoend ${run}`;
const patientEmail = `pat.${run}@example.com`;
// Tomorrow is always bookable from 09:00 to 17:00, whatever the hour the suite runs.
const day = clinicDate(1);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let console_: ReturnType<typeof watchConsole>;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await signedInContext(browser, baseURL, admin);
  page = await context.newPage();
  console_ = watchConsole(page);
});

afterEach(() => {
  const errors = [...console_.errors];
  console_.reset();
  expect(errors, 'console errors').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

async function idOf(path: string, name: string): Promise<string> {
  const found = await callApi<{ id: string; name: string }[]>(baseURL, 'GET', `${path}?q=${encodeURIComponent(name)}`);
  const item = found.body.data.find((x) => x.name === name);
  if (!item) throw new Error(`${name} not found through ${path}`);
  return item.id;
}

async function openBookingFor(doctor: string, date: string) {
  await page.goto('/book');
  await page.getByLabel('Doctor').selectOption({ label: doctor });
  await page.getByLabel('Date').fill(date);
}

describe('staff flows in a real browser against the real API', () => {
  it('adds a doctor, with validation errors shown next to the fields', async () => {
    await page.goto('/doctors');
    await page.getByRole('button', { name: 'Add doctor' }).click();
    await page.getByText('must not be empty').first().waitFor();
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Name').fill(doctorName);
    await page.getByLabel('Specialty').fill('Neurology');
    await page.getByRole('button', { name: 'Add doctor' }).click();
    await page.getByText(`Added ${doctorName}`).waitFor();
    await page.getByRole('cell', { name: doctorName, exact: true }).waitFor();
  });

  it('adds a patient, finds them by search, and shows a duplicate email on the email field', async () => {
    await page.goto('/patients');
    await page.getByLabel('Name').fill(patientName);
    await page.getByLabel('Email').fill(patientEmail);
    await page.getByLabel('Phone').fill('+44 20 7946 0000');
    await page.getByRole('button', { name: 'Add patient' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Added ${patientName}`);

    await page.getByLabel('Search patients').fill(`endtoend ${run}`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('cell', { name: patientEmail }).waitFor();

    const duplicate = await callApi(baseURL, 'POST', '/patients', { name: 'Someone Else', email: patientEmail });
    expect(duplicate.status).toBe(409);
    console_.expect(/status of 409/);
    await page.getByLabel('Name').fill('Someone Else');
    await page.getByLabel('Email').fill(patientEmail.toUpperCase());
    await page.getByRole('button', { name: 'Add patient' }).click();
    await page.getByText('already registered').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('books a slot shown in clinic time; the slot then vanishes', async () => {
    const doctorId = await idOf('/doctors', doctorName);
    const free = await callApi<{ slots: { start: string }[] }>(baseURL, 'GET', `/availability?doctorId=${doctorId}&date=${day}`);
    const firstSlot = free.body.data.slots[0];
    expect(firstSlot && clinicTime(firstSlot.start)).toBe('09:00');

    await openBookingFor(doctorName, day);
    // The browser runs in New York; the buttons must still read London time.
    await page.getByRole('button', { name: '09:00', exact: true }).waitFor();
    await choosePatient(page, 'Endtoend', patientName);
    await page.getByRole('button', { name: '10:00', exact: true }).click();
    await page.getByLabel('Reason').fill('Headaches');
    await page.getByRole('button', { name: 'Book appointment' }).click();

    await page.getByRole('main').getByText(`Booked: ${patientName}`).waitFor();
    await expect.poll(() => page.getByRole('button', { name: '10:00', exact: true }).count()).toBe(0);
  });

  it('loses a race for a slot: shows the alert and refreshed slots', async () => {
    const doctorId = await idOf('/doctors', doctorName);
    const release = await holdLiveUpdates(page);
    await openBookingFor(doctorName, day);
    await choosePatient(page, 'Endtoend', patientName);
    const slot = page.getByRole('button', { name: '11:00', exact: true });
    await slot.waitFor();

    const rival = await callApi<{ id: string }>(baseURL, 'POST', '/patients', {
      name: `Zed Rival ${run}`,
      email: `rival.${run}@example.com`,
    });
    const free = await callApi<{ slots: { start: string }[] }>(baseURL, 'GET', `/availability?doctorId=${doctorId}&date=${day}`);
    const eleven = free.body.data.slots.find((s) => clinicTime(s.start) === '11:00');
    const taken = await callApi(baseURL, 'POST', '/appointments', { doctorId, patientId: rival.body.data.id, start: eleven?.start });
    expect(taken.status).toBe(201);

    // Chromium logs every 4xx response; this 409 is the point of the test.
    console_.expect(/status of 409/);
    await slot.click();
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/no longer free/i);
    await expect.poll(() => slot.count()).toBe(0);
    await page.getByRole('button', { name: '11:30', exact: true }).waitFor();
    await release();
  });

  it('cancels from the appointments list through the dialog', async () => {
    await page.goto('/appointments');
    await page.getByLabel('Doctor').selectOption({ label: doctorName });
    await page.getByLabel('Date').fill(day);
    const row = page.getByRole('row').filter({ hasText: patientName });
    await row.waitFor();
    expect(await row.textContent()).toContain('10:00');
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: `Zed Rival ${run}` })
        .textContent(),
    ).toContain('11:00');

    await row.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.textContent()).toContain('Cancelled');
    expect(await row.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
  });

  it('closes the cancel dialog with Escape and keeps the appointment (keyboard only)', async () => {
    const row = page.getByRole('row').filter({ hasText: `Zed Rival ${run}` });
    await row.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep appointment');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await row.textContent()).toContain('Booked');
  });

  it('frees a cancelled slot for booking again', async () => {
    await openBookingFor(doctorName, day);
    await page.getByRole('button', { name: '10:00', exact: true }).waitFor();
  });

  it('reschedules from the appointments list; the old slot is free again', async () => {
    // A doctor of its own, so the schedule test's counts for the shared doctor stay exact.
    const doctor = await callApi<{ id: string }>(baseURL, 'POST', '/doctors', { name: `Zia Mover ${run}`, specialty: 'Dermatology' });
    const patient = await callApi<{ id: string }>(baseURL, 'POST', '/patients', {
      name: `Zoe Moved ${run}`,
      email: `moved.${run}@example.com`,
    });
    const doctorId = doctor.body.data.id;
    const freeSlots = async () =>
      (await callApi<{ slots: { start: string }[] }>(baseURL, 'GET', `/availability?doctorId=${doctorId}&date=${day}`)).body.data.slots;
    const nine = (await freeSlots())[0];
    expect(nine && clinicTime(nine.start)).toBe('09:00');
    const booked = await callApi(baseURL, 'POST', '/appointments', { doctorId, patientId: patient.body.data.id, start: nine?.start });
    expect(booked.status).toBe(201);

    await page.goto('/appointments');
    await page.getByLabel('Doctor').selectOption({ label: `Zia Mover ${run}` });
    await page.getByLabel('Date').fill(day);
    const row = page.getByRole('row').filter({ hasText: `Zoe Moved ${run}` });
    await row.waitFor();
    expect(await row.textContent()).toContain('09:00');

    await row.getByRole('button', { name: 'Reschedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reschedule appointment' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('New date').inputValue()).toBe(day);
    await dialog.getByRole('button', { name: '13:00', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByRole('status').textContent()).toContain('Rescheduled');
    await expect.poll(() => row.textContent()).toContain('13:00');
    expect(await row.textContent()).toContain('Booked');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reschedule');
    const free = (await freeSlots()).map((s) => clinicTime(s.start));
    expect(free).toContain('09:00');
    expect(free).not.toContain('13:00');
  });

  it('shows the day on the schedule, with the cancelled appointment marked', async () => {
    await page.goto('/');
    await page.getByLabel('Date').fill(day);
    const grid = page.getByRole('grid', { name: /^Appointments on / });
    // The cancelled visit no longer counts; the rival's booking does.
    const header = grid.getByRole('columnheader', { name: new RegExp(`^${doctorName}.* 1 appointment$`) });
    // Only the columns in view are drawn: scroll to the doctor's, as staff would.
    await header.scrollIntoViewIfNeeded();
    const cancelled = grid.getByRole('button', { name: `10:00–10:30 ${patientName} · Headaches Cancelled` });
    const booked = grid.getByRole('button', { name: `11:00–11:30 Zed Rival ${run} Booked` });
    await cancelled.waitFor();
    await booked.waitFor();
    expect(await cancelled.getAttribute('class')).toContain('cal-block-inactive');
  });
});
