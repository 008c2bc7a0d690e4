import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface StoredMail extends Mail {
  id: string;
  at: string;
}

/** Where mail goes: invitations and password resets (accounts), referral notifications (referrals). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** The development outbox's latest messages, newest first; absent for real mail. */
  recent?(): readonly StoredMail[];
  close?(): void;
}

/** Real mail over SMTP (`SMTP_URL`, e.g. smtps://user:pass@mail.example.org:465). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close: () => transport.close(),
  };
}

const KEPT = 50;

/**
 * Development without a mail server: each message is kept in memory for the development page
 * (`/dev/mail` on the gateway) and, with a folder, written there as JSON, so `npm start` works with
 * nothing else running and the links in them can be followed.
 */
export function outboxMailer(folder?: string): Mailer {
  const kept: StoredMail[] = [];
  return {
    async send(mail) {
      const stored: StoredMail = { ...mail, id: randomUUID(), at: new Date().toISOString() };
      kept.unshift(stored);
      kept.length = Math.min(kept.length, KEPT);
      if (folder) {
        await mkdir(folder, { recursive: true });
        const name = `${stored.at.replace(/[:.]/g, '-')}-${stored.id.slice(0, 8)}.json`;
        await writeFile(join(folder, name), JSON.stringify(stored, null, 2), { mode: 0o600 });
      }
    },
    recent: () => kept,
  };
}
