import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A browser in a timezone other than the clinic's (Europe/London), so a time rendered in the
 * browser's zone instead of the clinic's shows up as a failure.
 */
export async function newContext(browser: Browser, baseURL: string, width = 1280): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width, height: 900 },
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
}

/** Collects console errors and uncaught exceptions; `expected` lets one test tolerate a known line. */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  const expected: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.some((re) => re.test(message.text()))) {
      errors.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught ${error.message}`));
  return {
    errors,
    expect(pattern: RegExp) {
      expected.push(pattern);
    },
    reset() {
      errors.length = 0;
      expected.length = 0;
    },
  };
}
