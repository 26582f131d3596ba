import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clinicDate } from './support/api';
import { audit } from './support/axe-report';
import { signedInContext } from './support/auth';
import { launchBrowser, watchConsole } from './support/browser';
import { repoRoot } from './support/server';

const baseURL = inject('baseURL');
const admin = inject('admin');
const reportFile = inject('axeReportFile');
const screenshots = join(repoRoot, 'docs', 'screenshots');
// The staff-flow tests book tomorrow; the day after shows the demo data alone.
const screenshotDay = clinicDate(2);

type PageCase = { name: string; path: string; heading: string; ready?: (page: Page) => Promise<void> };

const pages: PageCase[] = [
  {
    name: 'schedule',
    path: '/',
    heading: 'Schedule',
    ready: async (page) => {
      await page.getByLabel('Date').fill(screenshotDay);
      await page.getByRole('grid', { name: /^Appointments on / }).waitFor();
    },
  },
  {
    name: 'book',
    path: '/book',
    heading: 'Book an appointment',
    ready: async (page) => {
      const doctor = page.getByLabel('Doctor');
      await expect.poll(() => doctor.locator('option').count()).toBeGreaterThan(1);
      await doctor.selectOption({ index: 1 });
      await page.getByLabel('Date').fill(screenshotDay);
      await page.getByRole('group', { name: 'Free slots' }).getByRole('button').first().waitFor();
    },
  },
  {
    name: 'appointments',
    path: '/appointments',
    heading: 'Appointments',
    ready: async (page) => {
      await page.getByLabel('Date').fill(screenshotDay);
      await page.getByRole('row').nth(1).waitFor();
    },
  },
  { name: 'doctors', path: '/doctors', heading: 'Doctors' },
  { name: 'patients', path: '/patients', heading: 'Patients' },
];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

async function settle(page: Page, item: PageCase) {
  await page.goto(item.path);
  await page.getByRole('heading', { level: 1, name: item.heading }).waitFor();
  await page.waitForFunction(() => !/Loading/.test(document.querySelector('main')?.textContent ?? ''));
  await item.ready?.(page);
}

describe('every page on the demo data', () => {
  for (const item of pages) {
    it(`${item.name}: loads without console errors, passes axe, fits a phone`, async () => {
      const context = await signedInContext(browser, baseURL, admin);
      const page = await context.newPage();
      const console_ = watchConsole(page);
      try {
        await settle(page, item);
        expect(await page.title()).toBe(`${item.name[0]!.toUpperCase()}${item.name.slice(1)} · Clinic desk`);
        const nav = page.getByRole('navigation');
        for (const link of ['Schedule', 'Book', 'Appointments', 'Doctors', 'Patients']) {
          await nav.getByRole('link', { name: link, exact: true }).waitFor();
        }
        expect(await audit(page, item.name, reportFile), 'serious/critical axe violations').toEqual([]);
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.screenshot({ path: join(screenshots, `${item.name}.png`) });

        await page.setViewportSize({ width: 375, height: 800 });
        // The day grid redraws for the narrow window (one doctor at a time): give it the frames it needs.
        const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        await expect.poll(overflow, { message: 'horizontal page overflow at 375 px', timeout: 5_000 }).toBeLessThanOrEqual(0);
        if (item.name === 'book') await page.screenshot({ path: join(screenshots, 'book-phone.png') });
        expect(console_.errors, 'console errors').toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('appointments: the cancel dialog passes axe and traps the page behind it', async () => {
    const context = await signedInContext(browser, baseURL, admin);
    const page = await context.newPage();
    const console_ = watchConsole(page);
    try {
      await settle(page, pages[2]!);
      await page.getByRole('button', { name: 'Cancel', exact: true }).first().click();
      await page.getByRole('dialog').waitFor();
      expect(await audit(page, 'appointments-dialog', reportFile)).toEqual([]);
      await page.screenshot({ path: join(screenshots, 'cancel-dialog.png') });
      await page.getByRole('button', { name: 'Keep appointment' }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      expect(console_.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('appointments: the reschedule dialog passes axe, fits a phone and hands focus back', async () => {
    const context = await signedInContext(browser, baseURL, admin);
    const page = await context.newPage();
    const console_ = watchConsole(page);
    try {
      await settle(page, pages[2]!);
      const opener = page.getByRole('button', { name: 'Reschedule', exact: true }).first();
      await opener.click();
      const dialog = page.getByRole('dialog', { name: 'Reschedule appointment' });
      await dialog.waitFor();
      // Audit the settled dialog: its slots, or the empty-day message, not the loading line.
      await dialog.locator('.slot-list, .empty').first().waitFor();
      expect(await audit(page, 'reschedule-dialog', reportFile)).toEqual([]);
      await page.screenshot({ path: join(screenshots, 'reschedule-dialog.png') });

      await page.setViewportSize({ width: 375, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'horizontal page overflow at 375 px').toBeLessThanOrEqual(0);

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(console_.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
