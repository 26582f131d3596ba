import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The receiver's check, as the README shows it: the signature over id, timestamp and body, and a fresh timestamp. */
export function verify(secret: string, headers: Record<string, string | string[] | undefined>, body: string, nowSeconds: number): boolean {
  const [id, timestamp, signatures = ''] = [headers['webhook-id'], headers['webhook-timestamp'], headers['webhook-signature']].map(String);
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`);
  return signatures
    .split(' ')
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(Buffer.from(candidate), expected));
}

export type Received = { id: string; type: string; valid: boolean; appointmentId: string };

/** A real HTTP receiver that answers with the next status in line (200 once they run out). */
export async function receiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  let secret = '';
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const event = JSON.parse(body) as { id: string; type: string; data: { appointment?: { id: string } | null } };
      const status = statuses.shift() ?? 200;
      if (status < 300) {
        received.push({
          id: event.id,
          type: event.type,
          valid: verify(secret, req.headers, body, Date.now() / 1000),
          appointmentId: event.data.appointment?.id ?? '',
        });
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    statuses,
    setSecret: (value: string) => (secret = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
