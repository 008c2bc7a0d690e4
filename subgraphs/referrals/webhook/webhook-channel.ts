import type { Knex } from '@mikro-orm/postgresql';
import type { NotificationChannel } from '../notification/dispatcher';
import type { NotificationEventRow } from '../notification/notification-event';
import { pgArray } from './webhook-settings';
import { webhookEventType } from './webhook-signature';

/**
 * The body every attempt of one message sends: ids, the event type, the status and times; never
 * a person's field (the receiver fetches the referral with its own key, and consent decides).
 */
export function webhookPayload(event: NotificationEventRow): string {
  const occurredAt = new Date(event.occurred_at).toISOString();
  return JSON.stringify({
    type: webhookEventType(event.type),
    timestamp: occurredAt,
    data: {
      eventId: String(event.id),
      eventType: event.type,
      referralId: event.referral_id,
      status: event.status,
      occurredAt,
      receivingOrganizationId: event.receiving_org_id,
      referrerOrganizationId: event.referrer_org_id,
    },
  });
}

/**
 * The WEBHOOK channel: fans an event out into one message per enabled endpoint that subscribed
 * to its type, of the receiving organization (once the referral was sent) and of the referrer's
 * organization. Written in the dispatcher's transaction, so the messages and the delivery mark
 * commit together; the sender (WebhookSender) delivers them out of band, so a slow receiver
 * never holds up this channel or the others.
 */
export class WebhookChannel implements NotificationChannel {
  async deliver(event: NotificationEventRow, trx: Knex.Transaction): Promise<void> {
    const organizations = [event.referrer_org_id];
    if (event.status !== 'DRAFT') organizations.push(event.receiving_org_id);
    const orgs = organizations.filter((o): o is string => o !== null);
    if (orgs.length === 0) return;
    const result = await trx.raw<{ rowCount: number }>(
      `insert into webhook_message (id, event_id, endpoint_id, type, payload)
         select 'msg_' || replace(gen_random_uuid()::text, '-', ''), ?::bigint, e.id, ?, ?
           from webhook_endpoint e
          where e.enabled and e.organization_id = any(?::text[]) and ? = any(e.events)
       on conflict (event_id, endpoint_id) do nothing`,
      [event.id, event.type, webhookPayload(event), pgArray(orgs), event.type],
    );
    if (result.rowCount > 0) await trx.raw(`select pg_notify('webhook_message', '')`);
  }
}
