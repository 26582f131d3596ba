import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Credentials } from './auth';

/** The two widths every front-desk screen is checked at: a 1366x768 laptop and a phone. */
export const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

export type Viewport = (typeof VIEWPORTS)[number];

/** A signed-in context at one viewport, in a zone other than the clinic's (see newContext). */
export async function deskContext(browser: Browser, baseURL: string, account: Credentials, viewport: Viewport): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: viewport.width, height: viewport.height },
    timezoneId: 'America/New_York',
    locale: 'en-GB',
    isMobile: viewport.name === 'phone',
    hasTouch: viewport.name === 'phone',
  });
  const response = await context.request.post('/api/auth/login', { data: account });
  if (!response.ok()) throw new Error(`e2e: signing in as ${account.email} failed with ${response.status()}`);
  return context;
}

/** Types into the Book page's patient search and picks the match by keyboard. */
export async function choosePatient(page: Page, typed: string, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Patient' });
  await box.fill('');
  await box.pressSequentially(typed);
  const listbox = page.getByRole('listbox', { name: 'Matching patients' });
  await listbox.getByRole('option', { name: new RegExp(name) }).waitFor();
  const options = await listbox.getByRole('option').allTextContents();
  const index = options.findIndex((text) => text.includes(name));
  for (let i = 0; i <= index; i += 1) await box.press('ArrowDown');
  await box.press('Enter');
}

/** Whether the element's whole box is inside the window: what the user can see without scrolling. */
export function fullyInView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}

/** Horizontal overflow of the page in pixels (0 when it fits the width). */
export function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
