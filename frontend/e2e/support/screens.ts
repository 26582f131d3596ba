import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from './server';

export const screenshots = join(repoRoot, 'docs', 'screenshots');

/** Desktop and phone screenshots of the page as it is, checking the phone view does not overflow. */
export async function desktopAndPhone(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal page overflow of ${name} at 375 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(screenshots, `${name}-phone.png`) });
  if (viewport) await page.setViewportSize(viewport);
}
