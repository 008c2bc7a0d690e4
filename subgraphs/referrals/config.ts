import { z } from 'zod';
import { ConfigError, optionalString, optionalUrl, parseEnv, type Env } from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';
import type { WebhookOptions } from './webhook/webhook-settings';

export const DEFAULT_RESOURCES_URL = 'http://localhost:4001/graphql';
export const DEFAULT_PEERS_URL = 'http://localhost:4003/graphql';

export interface ReferralsConfig extends SubgraphConfig {
  /** The resources subgraph, asked whether a resource exists and takes referrals. */
  readonly resourcesUrl: string;
  /** The peers subgraph, asked whether a peer exists before one is assigned. */
  readonly peersUrl: string;
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

export function referralsConfig(env: Env): ReferralsConfig {
  const base = subgraphConfig('referrals', 4002, env);
  const own = parseEnv(
    'referrals',
    z.object({
      RESOURCES_URL: optionalUrl,
      PEERS_URL: optionalUrl,
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
  if (base.production && !own.RESOURCES_URL) {
    missing.push(
      'RESOURCES_URL: required in production (the resources subgraph, e.g. http://resources:4001/graphql)',
    );
  }
  if (base.production && !own.PEERS_URL) {
    missing.push(
      'PEERS_URL: required in production (the peers subgraph, e.g. http://peers:4003/graphql)',
    );
  }
  if (missing.length) throw new ConfigError('referrals', missing);
  return Object.freeze({
    ...base,
    resourcesUrl: own.RESOURCES_URL ?? DEFAULT_RESOURCES_URL,
    peersUrl: own.PEERS_URL ?? DEFAULT_PEERS_URL,
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
