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

/**
 * Holds the page's live stream silent, as a buffering proxy would, until the returned function
 * runs: a race the live updates would otherwise settle first (the slot vanishing before the
 * click) reaches the server and its 409. The next page load opens the stream again.
 */
export async function holdLiveUpdates(page: Page): Promise<() => Promise<void>> {
  const pattern = '**/api/events*';
  await page.route(pattern, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: 'retry: 3600000\n\n' }),
  );
  return () => page.unroute(pattern);
}
