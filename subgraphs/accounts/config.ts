import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, optionalString, optionalUrl, parseEnv, type Env } from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';

export interface AccountsSettings {
  /** A session ends this long after its last use (a peer's own phone: 12 hours). */
  readonly sessionIdleHours: number;
  /** ...and this long after sign-in, however much it is used (14 days). */
  readonly sessionMaxDays: number;
  readonly invitationDays: number;
  readonly passwordResetMinutes: number;
  /** The web app's address, for the links in emails. */
  readonly publicUrl: string;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  /** Where development mail is written when there is no SMTP server. */
  readonly mailDir?: string;
}

export const DEFAULT_ACCOUNTS_SETTINGS: AccountsSettings = Object.freeze({
  sessionIdleHours: 12,
  sessionMaxDays: 14,
  invitationDays: 7,
  passwordResetMinutes: 60,
  publicUrl: 'http://localhost:4000',
  mailFrom: 'Referral Hub <no-reply@localhost>',
});

export type AccountsConfig = SubgraphConfig & AccountsSettings;

const positive = z.coerce.number().positive();

export function accountsConfig(env: Env): AccountsConfig {
  const base = subgraphConfig('accounts', 4004, env);
  const d = DEFAULT_ACCOUNTS_SETTINGS;
  const own = parseEnv(
    'accounts',
    z.object({
      SESSION_IDLE_HOURS: positive.max(24 * 30).default(d.sessionIdleHours),
      SESSION_MAX_DAYS: positive.max(90).default(d.sessionMaxDays),
      INVITATION_DAYS: positive.max(30).default(d.invitationDays),
      PASSWORD_RESET_MINUTES: positive.max(24 * 60).default(d.passwordResetMinutes),
      PUBLIC_URL: optionalUrl,
      SMTP_URL: optionalUrl,
      MAIL_FROM: optionalString,
    }),
    env,
  );
  const missing: string[] = [];
  if (base.production && !own.SMTP_URL)
    missing.push('SMTP_URL: required in production (invitations and password resets are mailed)');
  if (base.production && !own.PUBLIC_URL)
    missing.push('PUBLIC_URL: required in production (the address in emailed links)');
  if (missing.length) throw new ConfigError('accounts', missing);
  return Object.freeze({
    ...base,
    sessionIdleHours: own.SESSION_IDLE_HOURS,
    sessionMaxDays: own.SESSION_MAX_DAYS,
    invitationDays: own.INVITATION_DAYS,
    passwordResetMinutes: own.PASSWORD_RESET_MINUTES,
    publicUrl: own.PUBLIC_URL ?? d.publicUrl,
    smtpUrl: own.SMTP_URL,
    mailFrom: own.MAIL_FROM ?? d.mailFrom,
    mailDir: own.SMTP_URL ? undefined : resolve(base.dataDir, 'mail'),
  });
}
