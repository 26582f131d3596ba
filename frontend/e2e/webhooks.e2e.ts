import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callApi, clinicDate } from './support/api';
import { audit } from './support/axe-report';
import { launchBrowser } from './support/browser';
import { overflow, VIEWPORTS } from './support/desk';
import { createVia, deskShot, withDeskPage } from './support/desk-page';

const baseURL = inject('baseURL');
const admin = inject('admin');
const reportFile = inject('axeReportFile');
const run = Date.now().toString(36);
const day = clinicDate(6);

let browser: Browser;
let receiver: Server;
const received: Array<{ id: string; type: string }> = [];

beforeAll(async () => {
  browser = await launchBrowser();
  // A real receiver: it notes each event and answers 204.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const event = JSON.parse(body) as { id: string; type: string };
      received.push({ id: String(req.headers['webhook-id']), type: event.type });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

describe.each(VIEWPORTS)('webhooks at $name width ($width x $height)', (viewport) => {
  const tag = `${run}${viewport.name}`;

  it('registers a webhook, shows the secret once, and lists the delivery of a booking', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${tag}`;
    const doctor = await createVia<{ id: string }>(baseURL, '/doctors', { name: `Wes Hook ${tag}`, specialty: 'Family Medicine' });
    const patient = await createVia<{ id: string }>(baseURL, '/patients', { name: `Hana Hook ${tag}`, email: `hana.${tag}@example.org` });

    await withDeskPage(browser, baseURL, admin, viewport, async (page) => {
      await page.goto('/webhooks');
      const form = page.getByRole('form', { name: 'New webhook' });
      await form.getByLabel('URL').fill(url);
      await form.getByRole('button', { name: 'Register webhook' }).click();
      const secret = page.getByLabel('Signing secret');
      expect(await secret.inputValue()).toMatch(/^whsec_/);
      expect(await audit(page, `webhook-secret-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      await page.getByRole('button', { name: 'I have saved it' }).click();

      const before = received.length;
      const booked = await callApi<{ id: string }>(baseURL, 'POST', '/appointments', {
        doctorId: doctor.id,
        patientId: patient.id,
        start: `${day}T10:00:00`,
      });
      expect(booked.status).toBe(201);
      await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(before);
      expect(received.at(-1)!.type).toBe('appointment.booked');

      const card = page.getByRole('article', { name: url });
      await card.getByRole('button', { name: 'Show deliveries' }).click();
      await card
        .getByRole('cell', { name: /delivered/ })
        .first()
        .waitFor();
      expect(await audit(page, `webhooks-${viewport.name}`, reportFile), 'serious/critical axe violations').toEqual([]);
      expect(await overflow(page), 'horizontal overflow').toBeLessThanOrEqual(0);
      await deskShot(page, 'webhooks', viewport);
      await card.getByRole('button', { name: 'Remove' }).click();
      await card.waitFor({ state: 'detached' });
    });
  });
});
