import type { WebhookUrlPolicy } from './webhook-url';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** The longest `Retry-After` a receiver gets: a day, the schedule's own longest wait. */
export const RETRY_AFTER_MAX_MS = 24 * HOUR;

/**
 * When each attempt of a message is made, from the event: immediately, then 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after the attempt before. After the last, the message fails.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];

/** How webhooks are checked, signed and sent; every part may be tuned (tests run it in seconds). */
export interface WebhookSettings {
  policy: WebhookUrlPolicy;
  /** Delay before each attempt; its length is how many attempts a message gets. */
  retrySchedule: readonly number[];
  /** One attempt's limit, connection to answer. */
  timeoutMs: number;
  /** Attempts in flight at once in this process, and at most this many per endpoint. */
  concurrency: number;
  perEndpoint: number;
  /** How long a taken message is this process's; longer than the timeout. */
  leaseMs: number;
  pollMs: number;
  /** An endpoint failing this long without a success is disabled and its organization told. */
  disableAfterMs: number;
  /** How long the previous secret keeps signing after a rotation, unless the caller says. */
  secretGraceMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = Object.freeze({
  policy: { httpsOnly: true, allowedHosts: [] },
  retrySchedule: DEFAULT_RETRY_SCHEDULE_MS,
  timeoutMs: 15 * SECOND,
  concurrency: 16,
  perEndpoint: 4,
  leaseMs: 60 * SECOND,
  pollMs: SECOND,
  disableAfterMs: 5 * 24 * HOUR,
  secretGraceMs: 24 * HOUR,
});

/** The delay before the attempt after `attempts` made, or null when none is left. */
export function nextDelayMs(
  attempts: number,
  schedule: readonly number[],
  retryAfterMs: number | null,
): number | null {
  if (attempts >= schedule.length) return null;
  // A receiver that asks for time gets it, up to a day (the longest wait of the standard schedule),
  // whatever schedule is configured.
  if (retryAfterMs !== null) return Math.min(retryAfterMs, RETRY_AFTER_MAX_MS);
  return schedule[attempts];
}

/** What a runner may set: any setting but the URL policy, whose https rule follows production. */
export type WebhookOptions = Partial<Omit<WebhookSettings, 'policy'>> & {
  /** Hosts (names or addresses) whose private addresses webhooks may reach (WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** false: no sender in this process (tests that send themselves, or none). */
  send?: boolean;
};

export function webhookSettings(options: WebhookOptions, production: boolean): WebhookSettings {
  const { allowedHosts = [], ...rest } = options;
  return {
    ...DEFAULT_WEBHOOK_SETTINGS,
    ...rest,
    policy: { httpsOnly: production, allowedHosts },
  };
}

/**
 * A Postgres array literal for one bound parameter (`?::text[]`): the query builder would spread a
 * JavaScript array into several parameters.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
