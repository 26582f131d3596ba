import nodemailer from 'nodemailer';
import type { Message } from '../../store/ports/messages.js';

const SEND_TIMEOUT_MS = 15_000;

/** Hands one message to the SMTP server; throws when the server does not take it. */
export type Mailer = (message: Message) => Promise<void>;

/** A nodemailer transport to SMTP_URL; the message id is the Message-ID, so a repeat shows as one. */
export function smtpMailer(smtpUrl: string, from: string, domain = 'clinic.local'): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return async (message) => {
    await transport.sendMail({
      from,
      to: message.recipient!,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
      messageId: `<${message.id}@${domain}>`,
      attachments: message.ics ? [{ filename: 'appointment.ics', content: message.ics, contentType: 'text/calendar; charset=utf-8' }] : [],
    });
  };
}
