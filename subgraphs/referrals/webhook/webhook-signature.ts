import { createHmac, randomBytes } from 'node:crypto';
import { NotificationType } from '../notification/notification-event';

const PREFIX = 'whsec_';

/** A new signing secret, as Standard Webhooks writes them: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(24).toString('base64');
}

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per secret, space-separated. */
export function webhookSignature(
  id: string,
  timestamp: number,
  body: string,
  secrets: readonly string[],
): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
      const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
      return `v1,${mac}`;
    })
    .join(' ');
}

/** The Standard Webhooks headers of one attempt. */
export function webhookHeaders(
  id: string,
  body: string,
  secrets: readonly string[],
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': webhookSignature(id, timestamp, body, secrets),
  };
}

/** The payload's `type`: `referral.accepted`, `referral.note_added`... (dot-separated, as the spec suggests). */
export function webhookEventType(type: NotificationType): string {
  return `referral.${type.replace(/^REFERRAL_/, '').toLowerCase()}`;
}

export const WEBHOOK_EVENT_TYPES: readonly NotificationType[] = Object.values(NotificationType);
