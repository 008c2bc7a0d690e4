import { randomUUID } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from '../../kit/logger';
import { OutboxWorker } from '../../kit/outbox-worker';
import { openSecret } from '../../kit/sealed-secret';
import { postWebhook, type WebhookResponse } from './webhook-http';
import { nextDelayMs, pgArray, type WebhookSettings } from './webhook-settings';
import { webhookHeaders } from './webhook-signature';
import { resolveWebhookTarget, UnsafeUrlError } from './webhook-url';
import { notifyEndpointDisabled } from './webhook-disabled';

interface Taken {
  id: string;
  endpoint_id: string;
  attempts: number;
  payload: string;
}

interface EndpointRow {
  id: string;
  organization_id: string;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_live: boolean;
  enabled: boolean;
}

async function rows<T>(db: Knex | Knex.Transaction, text: string, params: unknown[]): Promise<T[]> {
  const result = await db.raw<{ rows: T[] }>(text, params as readonly Knex.RawBinding[]);
  return result.rows;
}

/**
 * Sends webhook messages out of band. A round takes due messages of enabled endpoints under a lease
 * (SKIP LOCKED: several processes share the work; one killed leaves its leases to expire and the
 * messages are sent again, under the same `webhook-id`) and starts them without waiting: up to
 * `concurrency` attempts are in flight, at most `perEndpoint` for one endpoint, so a receiver that
 * hangs holds a few slots for at most the timeout and never the others. Each attempt is logged;
 * a failure is retried on the schedule or after the receiver's `Retry-After`.
 */
export class WebhookSender {
  private readonly worker: OutboxWorker;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly perEndpoint = new Map<string, number>();
  private readonly aborter = new AbortController();

  constructor(
    private readonly db: Knex,
    private readonly key: Buffer,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
    listenUrl?: string,
  ) {
    this.worker = new OutboxWorker({
      name: 'webhook messages',
      round: () => this.sendOnce(),
      batchSize: settings.concurrency,
      pollMs: settings.pollMs,
      listen: listenUrl ? { url: listenUrl, channel: 'webhook_message' } : undefined,
      logger,
    });
  }

  start(): Promise<void> {
    return this.worker.start();
  }

  /** Stops taking work and abandons attempts in flight: their leases expire and they are sent again. */
  async stop(): Promise<void> {
    const stopping = this.worker.stop();
    this.aborter.abort();
    await Promise.allSettled([...this.inFlight.values()]);
    await stopping;
  }

  /** Takes what is due and free, starts each, and returns how many it started. */
  async sendOnce(): Promise<number> {
    const free = this.settings.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const busy = [...this.perEndpoint].filter(([, n]) => n >= this.settings.perEndpoint);
    const token = randomUUID();
    const taken = await rows<Taken>(
      this.db,
      `with due as (
         select m.id, m.endpoint_id, m.next_attempt_at from webhook_message m
           join webhook_endpoint e on e.id = m.endpoint_id and e.enabled
          where m.status = 'PENDING' and m.next_attempt_at <= now()
            and (m.lease_until is null or m.lease_until < now())
            and m.endpoint_id <> all(?::uuid[])
          order by m.next_attempt_at, m.id limit ? for update of m skip locked),
       fair as (
         select id, next_attempt_at,
                row_number() over (partition by endpoint_id order by next_attempt_at, id) as n
           from due)
       update webhook_message w
          set lease_token = ?, lease_until = now() + (? * interval '1 millisecond'),
              attempts = w.attempts + 1
         from (select id from fair where n <= ? order by next_attempt_at, id limit ?) f
        where w.id = f.id
       returning w.id, w.endpoint_id, w.attempts, w.payload`,
      [
        pgArray(busy.map(([id]) => id)),
        free * 4,
        token,
        this.settings.leaseMs,
        this.settings.perEndpoint,
        free,
      ],
    );
    for (const message of taken) {
      this.perEndpoint.set(
        message.endpoint_id,
        (this.perEndpoint.get(message.endpoint_id) ?? 0) + 1,
      );
      const sending = this.send(message, token)
        .catch((error: unknown) => {
          this.logger.error({ err: error, message: message.id }, 'webhook attempt not recorded');
        })
        .finally(() => {
          this.inFlight.delete(message.id);
          const left = (this.perEndpoint.get(message.endpoint_id) ?? 1) - 1;
          if (left > 0) this.perEndpoint.set(message.endpoint_id, left);
          else this.perEndpoint.delete(message.endpoint_id);
        });
      this.inFlight.set(message.id, sending);
    }
    return taken.length;
  }

  /** Sends until nothing is due or in flight (tests). */
  async drain(): Promise<void> {
    for (;;) {
      const started = await this.sendOnce();
      if (started === 0 && this.inFlight.size === 0) return;
      if (started === 0) await Promise.race(this.inFlight.values());
    }
  }

  private async send(message: Taken, token: string): Promise<void> {
    const [endpoint] = await rows<EndpointRow>(
      this.db,
      `select id, organization_id, url, secret_sealed, previous_secret_sealed, enabled,
              coalesce(previous_secret_until > now(), false) as previous_secret_live
         from webhook_endpoint where id = ?`,
      [message.endpoint_id],
    );
    if (!endpoint?.enabled) {
      await this.release(message.id, token);
      return;
    }
    const started = new Date();
    const clock = performance.now();
    let response: WebhookResponse;
    try {
      const target = await resolveWebhookTarget(endpoint.url, this.settings.policy);
      const secrets = [openSecret(endpoint.secret_sealed, this.key)];
      if (endpoint.previous_secret_sealed && endpoint.previous_secret_live)
        secrets.push(openSecret(endpoint.previous_secret_sealed, this.key));
      const headers = webhookHeaders(message.id, message.payload, secrets, started);
      response = await postWebhook(
        target,
        headers,
        message.payload,
        this.settings.timeoutMs,
        this.aborter.signal,
      );
    } catch (error) {
      // Recorded as a failed attempt like any other, so it is retried on the schedule rather
      // than each time a lease runs out.
      const reason =
        error instanceof UnsafeUrlError
          ? `refused: the URL ${error.message}`
          : `could not send: ${error instanceof Error ? error.message : String(error)}`;
      response = { status: null, retryAfterMs: null, error: reason };
    }
    if (this.aborter.signal.aborted) {
      await this.release(message.id, token);
      return;
    }
    await this.record(message, token, endpoint, response, started, performance.now() - clock);
  }

  /** Gives a message back untried (this process is stopping, or its endpoint was disabled). */
  private async release(id: string, token: string): Promise<void> {
    await rows(
      this.db,
      `update webhook_message set lease_token = null, lease_until = null, attempts = attempts - 1
        where id = ? and lease_token = ?`,
      [id, token],
    );
  }

  private async record(
    message: Taken,
    token: string,
    endpoint: EndpointRow,
    response: WebhookResponse,
    at: Date,
    durationMs: number,
  ): Promise<void> {
    const { status } = response;
    const succeeded = status !== null && status >= 200 && status < 300;
    const gone = status === 410;
    const error =
      response.error ??
      (succeeded
        ? null
        : status !== null && status >= 300 && status < 400
          ? `redirect (${status}) not followed`
          : `HTTP ${status}`);
    const delay =
      succeeded || gone
        ? null
        : nextDelayMs(message.attempts, this.settings.retrySchedule, response.retryAfterMs);
    await this.db.transaction(async (trx) => {
      const [mine] = await rows<{ id: string }>(
        trx,
        `select id from webhook_message where id = ? and lease_token = ? for update`,
        [message.id, token],
      );
      if (!mine) return;
      await rows(
        trx,
        `insert into webhook_attempt (message_id, attempted_at, duration_ms, response_status, succeeded, error)
         values (?, ?, ?, ?, ?, ?)`,
        [message.id, at, Math.round(durationMs), status, succeeded, error?.slice(0, 500) ?? null],
      );
      await rows(
        trx,
        `update webhook_message set lease_token = null, lease_until = null, last_error = ?,
           status = ?, delivered_at = case when ? then now() end,
           next_attempt_at = now() + (? * interval '1 millisecond')
         where id = ?`,
        [
          error?.slice(0, 500) ?? null,
          succeeded ? 'DELIVERED' : delay === null ? 'FAILED' : 'PENDING',
          succeeded,
          delay ?? 0,
          message.id,
        ],
      );
      if (succeeded) {
        await rows(trx, `update webhook_endpoint set failing_since = null where id = ?`, [
          endpoint.id,
        ]);
        return;
      }
      const [state] = await rows<{ failing_for_ms: number }>(
        trx,
        `update webhook_endpoint set failing_since = coalesce(failing_since, ?)
          where id = ?
          returning extract(epoch from (now() - failing_since)) * 1000 as failing_for_ms`,
        [at, endpoint.id],
      );
      const reason = gone
        ? 'GONE'
        : Number(state.failing_for_ms) >= this.settings.disableAfterMs
          ? 'FAILING'
          : null;
      if (reason) await notifyEndpointDisabled(trx, endpoint, reason);
    });
    if (!succeeded)
      this.logger.info(
        { message: message.id, endpoint: endpoint.id, status, retryInMs: delay },
        'webhook attempt failed',
      );
  }
}
