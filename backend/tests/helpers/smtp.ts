import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a random loopback port that keeps every mail it accepts, parsed. Codes
 * pushed on `refusals` answer the next mails with that SMTP error instead (451: try again later).
 */
export async function smtpReceiver(options: { delayMs?: number } = {}) {
  const received: ParsedMail[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const refusal = refusals.shift();
      simpleParser(stream)
        .then(async (mail) => {
          if (refusal) return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: refusal }));
          received.push(mail);
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusals,
    /** The mails to one address, oldest first. */
    to: (address: string) => received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address === address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
