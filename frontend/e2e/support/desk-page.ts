import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Credentials } from './auth';
import { callApi } from './api';
import { watchConsole } from './browser';
import { deskContext, type Viewport } from './desk';
import { screenshots } from './screens';

/** Creates through the API as an integrator would, failing loudly on anything but a 201. */
export async function createVia<T extends { id: string }>(baseURL: string, path: string, body: Record<string, unknown>): Promise<T> {
  const created = await callApi<T>(baseURL, 'POST', path, body);
  if (created.status !== 201) throw new Error(`POST ${path}: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.data;
}

/** One signed-in page at a viewport, failing the test on any console error. */
export async function withDeskPage(
  browser: Browser,
  baseURL: string,
  account: Credentials,
  viewport: Viewport,
  body: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await deskContext(browser, baseURL, account, viewport);
  const page = await context.newPage();
  const console_ = watchConsole(page);
  try {
    await body(page);
    expect(console_.errors, 'console errors').toEqual([]);
  } finally {
    await context.close();
  }
}

export const deskShot = (page: Page, name: string, viewport: Viewport) =>
  page.screenshot({ path: join(screenshots, `desk-${name}-${viewport.name}.png`) });
