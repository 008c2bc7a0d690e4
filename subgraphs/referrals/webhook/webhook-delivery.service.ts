import { BadUserInputError, ConflictError, NotFoundError } from '../../kit/errors';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../kit/pagination';
import type { NotificationType } from '../notification/notification-event';
import { WebhookEndpointService } from './webhook-endpoint.service';
import { pgArray } from './webhook-settings';
import { WebhookDeliveryStatus, type WebhookAttempt, type WebhookDelivery } from './webhook.types';

interface MessageRow {
  id: string;
  endpoint_id: string;
  type: NotificationType;
  referral_id: string;
  status: WebhookDeliveryStatus;
  /** Timestamps come back from Postgres as text. */
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: string;
}

interface AttemptRow {
  message_id: string;
  attempted_at: string;
  succeeded: boolean;
  duration_ms: number;
  response_status: number | null;
  error: string | null;
}

const MESSAGE_ID = /^msg_[0-9a-f]{32}$/;
const MESSAGE_COLUMNS = `m.id, m.endpoint_id, m.type, e.referral_id, m.status, m.created_at,
  m.delivered_at, m.next_attempt_at`;

/** An endpoint's delivery log, newest first, and redelivery; for whoever manages the endpoint. */
export class WebhookDeliveryService extends WebhookEndpointService {
  async page(
    endpointId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<WebhookDelivery>> {
    await this.endpoint(endpointId, 'endpointId');
    const limit = pageSize(first);
    const cursor = decodeCursor<{ createdAt: string; id: string }>(after, ['createdAt', 'id']);
    if (cursor && (!MESSAGE_ID.test(cursor.id) || Number.isNaN(Date.parse(cursor.createdAt))))
      throw new BadUserInputError('is not a cursor this service gave out', 'after');
    const [found, [{ count }]] = await Promise.all([
      this.rows<MessageRow>(
        `select ${MESSAGE_COLUMNS} from webhook_message m
           join notification_event e on e.id = m.event_id
          where m.endpoint_id = ? ${cursor ? 'and (m.created_at, m.id) < (?::timestamptz, ?)' : ''}
          order by m.created_at desc, m.id desc limit ?`,
        [endpointId, ...(cursor ? [cursor.createdAt, cursor.id] : []), limit + 1],
      ),
      this.rows<{ count: string }>('select count(*) from webhook_message where endpoint_id = ?', [
        endpointId,
      ]),
    ]);
    const nodes = await this.withAttempts(found.slice(0, limit));
    const last = nodes.at(-1);
    return {
      nodes,
      endCursor: last
        ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
        : null,
      hasNextPage: found.length > limit,
      totalCount: Number(count),
    };
  }

  private async withAttempts(messages: MessageRow[]): Promise<WebhookDelivery[]> {
    if (messages.length === 0) return [];
    const attempts = await this.rows<AttemptRow>(
      `select message_id, attempted_at, succeeded, duration_ms, response_status, error
         from webhook_attempt where message_id = any(?::text[]) order by id`,
      [pgArray(messages.map((m) => m.id))],
    );
    const byMessage = new Map<string, WebhookAttempt[]>();
    for (const a of attempts) {
      const list = byMessage.get(a.message_id) ?? [];
      list.push({
        attemptedAt: new Date(a.attempted_at),
        succeeded: a.succeeded,
        durationMs: a.duration_ms,
        responseStatus: a.response_status,
        error: a.error,
      });
      byMessage.set(a.message_id, list);
    }
    return messages.map((m) => ({
      id: m.id,
      endpointId: m.endpoint_id,
      eventType: m.type,
      referralId: m.referral_id,
      status: m.status,
      createdAt: new Date(m.created_at),
      deliveredAt: m.delivered_at === null ? null : new Date(m.delivered_at),
      nextAttemptAt:
        m.status === WebhookDeliveryStatus.PENDING ? new Date(m.next_attempt_at) : null,
      attempts: byMessage.get(m.id) ?? [],
    }));
  }

  /**
   * Sends a delivery again now, under the same `webhook-id` (receivers de-duplicate by it), once:
   * a redelivery that fails is not retried on the schedule.
   */
  async redeliver(deliveryId: string): Promise<WebhookDelivery> {
    if (!MESSAGE_ID.test(deliveryId))
      throw new BadUserInputError('is not a webhook delivery id', 'deliveryId');
    const [message] = await this.rows<{ endpoint_id: string }>(
      'select endpoint_id from webhook_message where id = ?',
      [deliveryId],
    );
    if (!message) throw new NotFoundError('Webhook delivery', deliveryId);
    const endpoint = await this.endpoint(message.endpoint_id, 'deliveryId');
    if (!endpoint.enabled)
      throw new ConflictError('The endpoint is disabled: enable it before redelivering.');
    const lastAttempt = this.settings.retrySchedule.length - 1;
    const reset = await this.rows<{ id: string }>(
      `update webhook_message set status = 'PENDING', next_attempt_at = now(),
         attempts = greatest(attempts, ?)
       where id = ? and (lease_until is null or lease_until < now()) returning id`,
      [lastAttempt, deliveryId],
    );
    if (reset.length === 0) throw new ConflictError('It is being delivered right now.');
    await this.rows(`select pg_notify('webhook_message', '')`, []);
    const [row] = await this.rows<MessageRow>(
      `select ${MESSAGE_COLUMNS} from webhook_message m
         join notification_event e on e.id = m.event_id where m.id = ?`,
      [deliveryId],
    );
    const [delivery] = await this.withAttempts([row]);
    return delivery;
  }
}
