import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate, clinicTime } from './support/api';
import { audit } from './support/axe-report';
import { holdLiveUpdates, launchBrowser, watchConsole } from './support/browser';
import { deskContext, overflow, VIEWPORTS, type Viewport } from './support/desk';
import { screenshots } from './support/screens';

const baseURL = inject('baseURL');
const admin = inject('admin');
const reportFile = inject('axeReportFile');
const run = Date.now().toString(36);
// Four days ahead: clear of the days the other suites book and screenshot.
const day = clinicDate(4);

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

async function bookAt(doctorId: string, patientId: string, time: string, reason?: string): Promise<string> {
  const free = await callApi<{ slots: { start: string }[] }>(baseURL, 'GET', `/availability?doctorId=${doctorId}&date=${day}`);
  const slot = free.body.data.slots.find((s) => clinicTime(s.start) === time);
  if (!slot) throw new Error(`no free ${time} slot`);
  const booked = await callApi<{ id: string }>(baseURL, 'POST', '/appointments', { doctorId, patientId, start: slot.start, reason });
  if (booked.status !== 201) throw new Error(`booking ${time}: ${booked.status}`);
  return booked.body.data.id;
}

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
  page.screenshot({ path: join(screenshots, `calendar-${name}-${viewport.name}.png`) });

/** The day view of `day`, narrowed to one specialty so only this test's doctors are columns. */
async function openDay(page: Page, specialty: string, doctor: { id: string; name: string }, viewport: Viewport): Promise<Locator> {
  await page.goto(`/?date=${day}`);
  const grid = page.getByRole('grid', { name: /^Appointments on / });
  await grid.waitFor();
  await page.getByLabel('Specialty').selectOption(specialty);
  if (viewport.name === 'phone') await page.getByLabel('Doctor', { exact: true }).selectOption(doctor.id);
  await grid.getByRole('columnheader', { name: new RegExp(doctor.name) }).waitFor();
  return grid;
}

const cell = (grid: Locator, time: string, doctorName: string) => grid.getByRole('gridcell', { name: `${time}, ${doctorName}, free` });
const block = (grid: Locator, patientName: string) => grid.getByRole('button', { name: new RegExp(patientName) });

describe.each(VIEWPORTS)('the day calendar at $name width ($width x $height)', (viewport) => {
  const tag = `${run}${viewport.name}`;
  const specialty = `Grid Care ${tag}`;
  const doctorName = `Gwen Grid ${tag}`;
  const otherName = `Gary Grid ${tag}`;
  let doctorId = '';

  beforeAll(async () => {
    doctorId = (await create<{ id: string }>('/doctors', { name: doctorName, specialty })).id;
    await create('/doctors', { name: otherName, specialty });
  });

  it('books a free cell by clicking it and typing three letters of the name', async () => {
    const patientName = `Walker Kinsey ${tag}`;
    await create('/patients', { name: patientName, email: `walker.${tag}@example.org` });
    await withPage(viewport, async (page) => {
      const grid = await openDay(page, specialty, { id: doctorId, name: doctorName }, viewport);
      await cell(grid, '10:00', doctorName).click();
      const dialog = page.getByRole('dialog', { name: new RegExp(`^Book ${doctorName}, .* 10:00$`) });
      await dialog.waitFor();
      const box = dialog.getByRole('combobox', { name: 'Patient' });
      await box.pressSequentially(`Walker Kinsey ${tag}`.slice(0, 3));
      await box.pressSequentially(` Kinsey ${tag}`);
      await dialog.getByRole('option', { name: new RegExp(patientName) }).click();
      await dialog.getByLabel('Reason').fill('Walk-in');
      expect(await audit(page, `calendar-book-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await shot(page, 'book', viewport);
      await dialog.getByLabel('Reason').press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await page
        .getByRole('status')
        .filter({ hasText: `Booked: ${patientName} with ${doctorName} at 10:00–10:30.` })
        .waitFor();
      await expect.poll(() => block(grid, patientName).textContent()).toContain('Walk-in');
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      expect(await audit(page, `calendar-day-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await shot(page, 'day', viewport);
    });
  });

  it('drags a visit to a taken time: it snaps back with the reason; then to a free one', async () => {
    const mover = await create<{ id: string }>('/patients', { name: `Drew Dragged ${tag}`, email: `drew.${tag}@example.org` });
    const rival = await create<{ id: string }>('/patients', { name: `Rory Rival ${tag}`, email: `rory.${tag}@example.org` });
    await bookAt(doctorId, mover.id, '13:00');
    await withPage(viewport, async (page, console_) => {
      await holdLiveUpdates(page);
      const grid = await openDay(page, specialty, { id: doctorId, name: doctorName }, viewport);
      const moving = block(grid, `Drew Dragged ${tag}`);
      await moving.waitFor();
      // A colleague takes 14:00 behind this screen's back.
      await bookAt(doctorId, rival.id, '14:00');
      console_.expect(/status of 409/);
      // The pointer can only press what is on screen.
      await moving.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const from = (await moving.boundingBox())!;
      const to = (await cell(grid, '14:00', doctorName).boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + 5);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2, to.y + 5, { steps: 8 });
      await page.mouse.up();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`${doctorName} is no longer free at that time.`);
      // Back in the 13:00 row it started in.
      const row = (await grid.getByRole('rowheader', { name: '13:00' }).boundingBox())!;
      await expect.poll(async () => Math.abs((await moving.boundingBox())!.y - row.y)).toBeLessThan(3);
      expect(await moving.textContent()).toContain('13:00–13:30');
      expect(await audit(page, `calendar-conflict-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await shot(page, 'conflict', viewport);

      await moving.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const again = (await moving.boundingBox())!;
      const free = (await cell(grid, '15:00', doctorName).boundingBox())!;
      await page.mouse.move(again.x + again.width / 2, again.y + 5);
      await page.mouse.down();
      await page.mouse.move(again.x + again.width / 2, free.y + 5, { steps: 8 });
      await page.mouse.up();
      await page
        .getByRole('status')
        .filter({ hasText: `Moved: Drew Dragged ${tag} with ${doctorName}, now 15:00–15:30.` })
        .waitFor();
      await expect.poll(() => moving.textContent()).toContain('15:00–15:30');

      // Its bottom edge makes it longer.
      await moving.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const placed = (await moving.boundingBox())!;
      await page.mouse.move(placed.x + placed.width / 2, placed.y + placed.height - 2);
      await page.mouse.down();
      await page.mouse.move(placed.x + placed.width / 2, placed.y + placed.height * 2 - 2, { steps: 8 });
      await page.mouse.up();
      await expect.poll(() => moving.textContent()).toContain('15:00–16:00');

      if (viewport.name === 'desktop') {
        // Another doctor's column: the visit moves to that doctor, at the time it was dropped on.
        await moving.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        const now = (await moving.boundingBox())!;
        const away = (await grid.getByRole('gridcell', { name: `15:15, ${otherName}, free` }).boundingBox())!;
        await page.mouse.move(now.x + now.width / 2, now.y + 5);
        await page.mouse.down();
        await page.mouse.move(away.x + away.width / 2, away.y + 5, { steps: 8 });
        await page.mouse.up();
        await page
          .getByRole('status')
          .filter({ hasText: `Moved: Drew Dragged ${tag} with ${otherName}, now 15:15–16:15.` })
          .waitFor();
      }
    });
  });

  it('books, checks in and moves by keyboard alone', async () => {
    const patientName = `Kira Keys ${tag}`;
    await create('/patients', { name: patientName, email: `kira.${tag}@example.org` });
    await withPage(viewport, async (page) => {
      const grid = await openDay(page, specialty, { id: doctorId, name: doctorName }, viewport);
      await cell(grid, '11:00', doctorName).focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`11:30, ${doctorName}, free`);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: new RegExp(`^Book ${doctorName}, .* 11:30$`) });
      await dialog.waitFor();
      await page.keyboard.type(patientName);
      await dialog.getByRole('option', { name: new RegExp(patientName) }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      const booked = block(grid, patientName);
      await booked.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(patientName);

      await page.keyboard.press('Enter');
      const menu = page.getByRole('dialog', { name: new RegExp(`^${patientName}, 11:30–12:00$`) });
      await menu.waitFor();
      expect(await audit(page, `calendar-menu-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await shot(page, 'menu', viewport);
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
      // Escape hands the focus back to the visit.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(patientName);

      await page.keyboard.press('Enter');
      await menu.waitFor();
      await menu.getByRole('button', { name: 'Move' }).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page
        .getByRole('status')
        .filter({ hasText: /^12:00 to 12:30/ })
        .waitFor();
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: `Moved: ${patientName} with ${doctorName}, now 12:00–12:30.` })
        .waitFor();

      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' }).catch(() => undefined);
      const moved = page.getByRole('dialog', { name: new RegExp(`^${patientName}, 12:00–12:30$`) });
      await moved.getByRole('button', { name: 'Check in' }).press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: `Checked in: ${patientName} with ${doctorName} at 12:00.` })
        .waitFor();
      await expect.poll(() => booked.textContent()).toContain('Checked in');
    });
  });

  it('opens the doctor week from the column header', async () => {
    await withPage(viewport, async (page) => {
      const grid = await openDay(page, specialty, { id: doctorId, name: doctorName }, viewport);
      await grid.getByRole('link', { name: `${doctorName} (week view)` }).click();
      await page.getByRole('heading', { level: 1, name: `${doctorName}: week` }).waitFor();
      const week = page.getByRole('grid', { name: new RegExp(`^${doctorName}, week of`) });
      await week.getByRole('columnheader').nth(7).waitFor();
      await week.getByRole('button', { name: /Walker Kinsey/ }).waitFor();
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      expect(await audit(page, `calendar-week-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await shot(page, 'week', viewport);
    });
  });
});
