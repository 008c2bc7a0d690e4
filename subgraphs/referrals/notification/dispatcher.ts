import { randomUUID } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from '../../kit/logger';
import { OutboxWorker } from '../../kit/outbox-worker';
import { isServerShutdown } from '../../kit/postgres';
import type { NotificationEventRow } from './notification-event';

/**
 * Delivers one event on one channel. `trx` is the transaction that marks the delivery done: a
 * channel that writes to the referrals database (the feed) writes in it, so its effect and the mark
 * commit together; a channel that sends elsewhere (mail) sends, and a throw schedules a retry.
 */
export interface NotificationChannel {
  deliver(event: NotificationEventRow, trx: Knex.Transaction): Promise<void>;
}

export interface DispatcherOptions {
  /** Deliveries taken per round. */
  batchSize?: number;
  /** How long a taken delivery is this process's; after that another process may take it. */
  leaseMs?: number;
  pollMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Connection for LISTEN notification_delivery; without it the dispatcher only polls. */
  listenUrl?: string;
}

interface Claimed {
  id: string;
  channel: string;
  attempts: number;
  event_id: string;
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s ... up to 10 minutes. */
export function retryDelayMs(attempts: number, first = 1000, max = 600_000): number {
  const base = Math.min(max, first * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

async function rows<T>(db: Knex | Knex.Transaction, text: string, params: unknown[]): Promise<T[]> {
  const result = await db.raw<{ rows: T[] }>(text, params as readonly Knex.RawBinding[]);
  return result.rows;
}

/**
 * Delivers the notification outbox, once per event per channel, with several referrals processes
 * sharing the work. A round leases due deliveries (taken with SKIP LOCKED, so two processes never
 * take the same one) and commits the lease at once; each delivery is then handled in a transaction
 * of its own that marks it done only while the lease is still this process's. A process that dies
 * holding leases (a restart, `kill -9`) leaves them to expire, and another process, or the same one
 * restarted, takes them again: nothing is lost. A failed delivery is retried with backoff.
 */
export class NotificationDispatcher {
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly worker: OutboxWorker;

  constructor(
    private readonly db: Knex,
    private readonly channels: Readonly<Record<string, NotificationChannel>>,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.worker = new OutboxWorker({
      name: 'notification deliveries',
      round: () => this.dispatchOnce(),
      batchSize: this.batchSize,
      pollMs: options.pollMs ?? 1000,
      listen: options.listenUrl
        ? { url: options.listenUrl, channel: 'notification_delivery' }
        : undefined,
      logger,
    });
  }

  start(): Promise<void> {
    return this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /**
   * Takes up to a batch of due deliveries on the channels this process knows, under a lease of
   * `leaseMs`; returns them with the lease's token. Public so tests can take work and then "die".
   */
  async claim(leaseMs = this.leaseMs): Promise<{ token: string; claimed: Claimed[] }> {
    const token = randomUUID();
    const claimed = await rows<Claimed>(
      this.db,
      `update notification_delivery d
          set lease_token = ?, lease_until = now() + (? * interval '1 millisecond'),
              attempts = d.attempts + 1
        where d.id in (
          select id from notification_delivery
           where delivered_at is null and next_attempt_at <= now()
             and (lease_until is null or lease_until < now()) and channel = any(?::text[])
           order by next_attempt_at, id limit ? for update skip locked)
        returning d.id, d.channel, d.attempts, d.event_id`,
      [token, leaseMs, Object.keys(this.channels), this.batchSize],
    );
    return { token, claimed };
  }

  /** One round: leases due deliveries, delivers each, and returns how many it handled. */
  async dispatchOnce(): Promise<number> {
    const { token, claimed } = await this.claim();
    for (const delivery of claimed) await this.deliver(delivery, token);
    return claimed.length;
  }

  /** Dispatches until nothing is due (tests). */
  async drain(): Promise<void> {
    while ((await this.dispatchOnce()) > 0) {
      // keep going
    }
  }

  private async deliver(delivery: Claimed, token: string): Promise<void> {
    const channel = this.channels[delivery.channel];
    try {
      await this.db.transaction(async (trx) => {
        // Still ours? Locks the row, so a process whose lease ran out cannot mark it too.
        const [mine] = await rows<{ id: string }>(
          trx,
          `select id from notification_delivery
            where id = ? and lease_token = ? and delivered_at is null for update`,
          [delivery.id, token],
        );
        if (!mine) return;
        const [event] = await rows<NotificationEventRow>(
          trx,
          'select * from notification_event where id = ?',
          [delivery.event_id],
        );
        await channel.deliver(event, trx);
        await rows(
          trx,
          `update notification_delivery set delivered_at = now(), lease_token = null,
             lease_until = null, last_error = null where id = ?`,
          [delivery.id],
        );
      });
    } catch (error) {
      // Nothing can be written now: the round ends (its worker says so), and the leases of this
      // delivery and the rest of the batch run out, so they are taken again.
      if (isServerShutdown(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const delay = retryDelayMs(
        delivery.attempts,
        this.options.firstRetryMs,
        this.options.maxRetryMs,
      );
      await rows(
        this.db,
        `update notification_delivery set lease_token = null, lease_until = null, last_error = ?,
           next_attempt_at = now() + (? * interval '1 millisecond')
         where id = ? and lease_token = ?`,
        [message.slice(0, 2000), delay, delivery.id, token],
      ).catch((e: unknown) =>
        this.logger.error({ err: e }, 'could not schedule a notification retry'),
      );
      this.logger.warn(
        { err: error, delivery: delivery.id, channel: delivery.channel, retryInMs: delay },
        'notification delivery failed; will retry',
      );
    }
  }
}
