import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, optionalString, optionalUrl, parseEnv, type Env } from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';
import { isTimeZone } from './clock/business-hours';
import type { WebhookOptions } from './webhook/webhook-settings';

export const DEFAULT_RESOURCES_URL = 'http://localhost:4001/graphql';
export const DEFAULT_PEERS_URL = 'http://localhost:4003/graphql';
export const DEFAULT_ACCOUNTS_URL = 'http://localhost:4004/graphql';
export const DEFAULT_PUBLIC_URL = 'http://localhost:4000';
export const DEFAULT_MAIL_FROM = 'Referral Hub <no-reply@localhost>';

export interface ReferralsConfig extends SubgraphConfig {
  /** The resources subgraph, asked whether a resource exists and takes referrals. */
  readonly resourcesUrl: string;
  /** The peers subgraph, asked whether a peer exists before one is assigned. */
  readonly peersUrl: string;
  /** The accounts subgraph, asked for the addresses of the people an event concerns. */
  readonly accountsUrl: string;
  /** The web app's address, for the links in emails. */
  readonly publicUrl: string;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  /** Where development mail is written when there is no SMTP server (beside the accounts mail). */
  readonly mailDir?: string;
  /** The response target of an organization that has not set its own, in business days. */
  readonly responseTargetBusinessDays: number;
  /** The time zone of an organization (and a person) that has not set one. */
  readonly defaultTimeZone: string;
  /** How often the referral clock and the daily digests are looked at. */
  readonly clockSweepMs: number;
  /**
   * How long a notification delivery taken by a process stays its own: a process killed holding
   * deliveries leaves them to another (or itself restarted) after this long.
   */
  readonly notificationLeaseMs: number;
  /** Webhook settings the environment changes (the rest keep their defaults). */
  readonly webhooks: WebhookOptions;
}

const hostList = optionalString.transform((v) =>
  v
    ? v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)
    : undefined,
);
const secondsList = optionalString.pipe(
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'must be seconds, comma-separated')
    .transform((v) => v.split(',').map((s) => Math.round(Number(s) * 1000)))
    .optional(),
);
const optionalMs = z.coerce.number().int().min(1).optional();

/**
 * `runnerKnowsSubgraphs`: under npm start the other subgraphs' URLs come from the runner, so
 * production need not name them; mail and its links are still required.
 */
export function referralsConfig(env: Env, { runnerKnowsSubgraphs = false } = {}): ReferralsConfig {
  const base = subgraphConfig('referrals', 4002, env);
  const own = parseEnv(
    'referrals',
    z.object({
      RESOURCES_URL: optionalUrl,
      PEERS_URL: optionalUrl,
      ACCOUNTS_URL: optionalUrl,
      PUBLIC_URL: optionalUrl,
      SMTP_URL: optionalUrl,
      MAIL_FROM: optionalString,
      RESPONSE_TARGET_BUSINESS_DAYS: z.coerce.number().positive().max(30).default(2),
      DEFAULT_TIME_ZONE: z
        .string()
        .default('America/Los_Angeles')
        .refine(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles'),
      CLOCK_SWEEP_SECONDS: z.coerce.number().positive().max(3600).default(60),
      // Longer than the slowest delivery (a mail server's answer), short enough to recover soon.
      NOTIFICATION_LEASE_SECONDS: z.coerce.number().min(5).max(3600).default(60),
      // Hosts whose private addresses webhooks may reach anyway (e.g. 127.0.0.1 in tests).
      WEBHOOK_ALLOWED_HOSTS: hostList,
      // The delay before each attempt, in seconds: "0,5,300,..." (see DEFAULT_RETRY_SCHEDULE_MS).
      WEBHOOK_RETRY_SCHEDULE: secondsList,
      WEBHOOK_LEASE_MS: optionalMs,
      WEBHOOK_TIMEOUT_MS: optionalMs,
      WEBHOOK_SECRET_GRACE_SECONDS: z.coerce.number().int().min(0).optional(),
    }),
    env,
  );
  const missing: string[] = [];
  const urlsRequired = base.production && !runnerKnowsSubgraphs;
  if (urlsRequired && !own.RESOURCES_URL) {
    missing.push(
      'RESOURCES_URL: required in production (the resources subgraph, e.g. http://resources:4001/graphql)',
    );
  }
  if (urlsRequired && !own.PEERS_URL) {
    missing.push(
      'PEERS_URL: required in production (the peers subgraph, e.g. http://peers:4003/graphql)',
    );
  }
  if (urlsRequired && !own.ACCOUNTS_URL) {
    missing.push(
      'ACCOUNTS_URL: required in production (the accounts subgraph, asked for the addresses notifications are mailed to)',
    );
  }
  if (base.production && !own.SMTP_URL)
    missing.push('SMTP_URL: required in production (referral notifications are mailed)');
  if (base.production && !own.PUBLIC_URL)
    missing.push('PUBLIC_URL: required in production (the address in emailed links)');
  if (missing.length) throw new ConfigError('referrals', missing);
  return Object.freeze({
    ...base,
    resourcesUrl: own.RESOURCES_URL ?? DEFAULT_RESOURCES_URL,
    peersUrl: own.PEERS_URL ?? DEFAULT_PEERS_URL,
    accountsUrl: own.ACCOUNTS_URL ?? DEFAULT_ACCOUNTS_URL,
    publicUrl: own.PUBLIC_URL ?? DEFAULT_PUBLIC_URL,
    smtpUrl: own.SMTP_URL,
    mailFrom: own.MAIL_FROM ?? DEFAULT_MAIL_FROM,
    mailDir: own.SMTP_URL ? undefined : resolve(base.dataDir, 'mail'),
    responseTargetBusinessDays: own.RESPONSE_TARGET_BUSINESS_DAYS,
    defaultTimeZone: own.DEFAULT_TIME_ZONE,
    clockSweepMs: own.CLOCK_SWEEP_SECONDS * 1000,
    notificationLeaseMs: Math.round(own.NOTIFICATION_LEASE_SECONDS * 1000),
    webhooks: definedOnly({
      allowedHosts: own.WEBHOOK_ALLOWED_HOSTS,
      retrySchedule: own.WEBHOOK_RETRY_SCHEDULE,
      leaseMs: own.WEBHOOK_LEASE_MS,
      timeoutMs: own.WEBHOOK_TIMEOUT_MS,
      secretGraceMs:
        own.WEBHOOK_SECRET_GRACE_SECONDS === undefined
          ? undefined
          : own.WEBHOOK_SECRET_GRACE_SECONDS * 1000,
    }),
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
