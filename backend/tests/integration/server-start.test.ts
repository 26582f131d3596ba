import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnApiProcess, startApiProcess } from '../helpers/processes.js';

describe('server start-up', () => {
  it('exits 1 with one clear line when its port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as AddressInfo).port;
    try {
      const child = spawnApiProcess(port, { DATABASE_URL: 'pglite://memory' }, 'pipe');
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`cannot listen on port ${port}: EADDRINUSE`);
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 60_000);

  it('prints one line with the URL, the store and the demo data once it serves', async () => {
    const api = await startApiProcess({ DATABASE_URL: 'pglite://memory', SEED_DEMO: 'true', LOG_LEVEL: 'info' });
    try {
      const port = new URL(api.url).port;
      await expect.poll(api.output).toContain('clinic ready');
      const lines = api
        .output()
        .split('\n')
        .filter((line) => line.includes('clinic ready'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `clinic ready at http://localhost:${port} (store: PGlite in memory); demo clinic loaded (5 doctors, 10 patients, `,
      );
      expect(api.output()).not.toContain('loaded demo data');
    } finally {
      expect(await api.stop()).toBe(0);
    }
  }, 90_000);

  it('keeps an event stream open past the request timeout, and still exits 0 at SIGTERM with it open', async () => {
    const api = await startApiProcess({
      DATABASE_URL: 'pglite://memory',
      AUTH_MODE: 'off',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '1500',
    });
    const stream = await fetch(`${api.url}/api/events`);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const until = async (text: string) => {
      while (!received.includes(text)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`the stream ended before "${text}": ${received}`);
        received += chunk.value;
      }
    };
    try {
      await until('event: ready');
      // Longer than the request timeout: that limit is for receiving a request, not for answering it.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const post = (path: string, body: object) =>
        fetch(`${api.url}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((response) => response.json() as Promise<{ data: { id: string } }>);
      const doctor = await post('/doctors', { name: 'Dr. Stream', specialty: 'Cardiology' });
      const patient = await post('/patients', { name: 'Sam Stream', email: 'sam.stream@example.org' });
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const booked = await post('/appointments', { doctorId: doctor.data.id, patientId: patient.data.id, start: `${tomorrow}T10:00:00Z` });
      await until(booked.data.id);
    } finally {
      expect(await api.stop()).toBe(0);
    }
    expect(api.output()).not.toContain('did not finish in time');
  }, 90_000);
});
