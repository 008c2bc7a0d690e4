import { Client } from 'pg';
import type { Logger } from './logger';
import { isServerShutdown } from './postgres';

export interface OutboxWorkerOptions {
  /** What the worker drains, for its log lines ("search outbox", "notification deliveries"). */
  name: string;
  /** One round of work; returns how many items it handled. */
  round: () => Promise<number>;
  /** A round that handled this many (a full batch) is followed at once by the next. */
  batchSize: number;
  /** How often to look without a notification (also when a retry falls due). */
  pollMs: number;
  /** Postgres connection and channel to LISTEN on, to start a round as soon as work is written. */
  listen?: { url: string; channel: string };
  logger: Logger;
}

/**
 * The loop around an outbox: a round whenever a transaction NOTIFYs new work, else every `pollMs`,
 * at once again after a full batch. A failed round is logged and retried on the next tick, and a
 * lost LISTEN connection leaves polling in place, so the database going away delays work and
 * loses none. The rounds themselves take their rows with SKIP LOCKED or leases, so several
 * processes may run the same worker.
 */
export class OutboxWorker {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Work was announced while a round ran: the next round starts at once rather than at the poll. */
  private announced = false;
  private listener?: Client;

  constructor(private readonly options: OutboxWorkerOptions) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => {});
    this.listener = undefined;
  }

  private async run(): Promise<void> {
    const { round, batchSize, pollMs, logger, name } = this.options;
    while (this.running) {
      let handled = 0;
      this.announced = false;
      try {
        handled = await round();
      } catch (error) {
        // The rows stay and are taken by the next round, here or in the next process to start: a
        // round cut short by a stop, or by the database shutting down, is not an error.
        const expected = !this.running || isServerShutdown(error);
        logger[expected ? 'debug' : 'error'](
          { err: error },
          `${name} could not be read; will retry`,
        );
      }
      if (handled >= batchSize || this.announced || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = undefined;
    }
  }

  private async listen(): Promise<void> {
    const { listen, logger, name } = this.options;
    if (!listen) return;
    const client = new Client({ connectionString: listen.url });
    client.on('notification', () => {
      // A notification during a round may name rows that round did not see (committed after it
      // looked): remember it, so that they do not wait for the next poll.
      if (this.wake) this.wake();
      else this.announced = true;
    });
    let lost = false;
    client.on('error', (error) => {
      // Polling carries on; a later start() listens again. One loss is told once, and a server
      // shutting down is expected, not a warning.
      if (lost) return;
      lost = true;
      logger[isServerShutdown(error) ? 'debug' : 'warn'](
        { err: error },
        `${name} LISTEN connection lost; polling`,
      );
      this.listener = undefined;
    });
    try {
      await client.connect();
      await client.query(`listen "${listen.channel}"`);
      this.listener = client;
    } catch (error) {
      logger.warn({ err: error }, `could not LISTEN for ${name}; polling`);
      await client.end().catch(() => {});
    }
  }
}
