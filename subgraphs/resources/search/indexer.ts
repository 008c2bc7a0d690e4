import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from '../../kit/logger';
import { OutboxWorker } from '../../kit/outbox-worker';
import type { IndexTarget, ResourceSearch } from './search.port';
import { query } from '../sql';

export interface IndexerOptions {
  /** Outbox rows handled per round. */
  batchSize?: number;
  /** How often to look without a notification (also when a retry falls due). */
  pollMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Connection for LISTEN search_outbox; without it the indexer only polls. */
  listenUrl?: string;
}

interface OutboxRow {
  id: string;
  kind: 'resource' | 'location' | 'organization' | 'all';
  entity_id: string | null;
  attempts: number;
}

export function targetOf(rows: Pick<OutboxRow, 'kind' | 'entity_id'>[]): IndexTarget {
  const target: IndexTarget = { all: false, resourceIds: [], locationIds: [], organizationIds: [] };
  const add = (list: string[], id: string | null) => id && !list.includes(id) && list.push(id);
  for (const row of rows) {
    if (row.kind === 'all') target.all = true;
    else if (row.kind === 'resource') add(target.resourceIds, row.entity_id);
    else if (row.kind === 'location') add(target.locationIds, row.entity_id);
    else add(target.organizationIds, row.entity_id);
  }
  return target;
}

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... up to a minute. */
export function retryDelayMs(attempts: number, first = 500, max = 60_000): number {
  const base = Math.min(max, first * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Drains the search outbox into the engine: rows are taken with SKIP LOCKED (several instances may
 * run), deleted only once the engine has the change, and retried with backoff when it fails, so an
 * outage of the engine delays search but loses nothing and never blocks an edit.
 *
 * The backoff grows to a minute, so that a change the engine refuses does not keep it busy; an
 * engine that was away is different. After a failed round the indexer asks the engine for its
 * stats every round: once it has seen the engine not answering, the first answer puts every
 * backed-off row due again, so the index catches up as soon as the engine is back rather than a
 * minute later.
 */
export class SearchIndexer {
  private readonly batchSize: number;
  private readonly worker: OutboxWorker;
  /** Since the last failed round, and until the engine answers a probe. */
  private probing: 'no' | 'failed-round' | 'engine-away' = 'no';

  constructor(
    private readonly db: Knex,
    private readonly engine: ResourceSearch,
    private readonly logger: Logger,
    private readonly options: IndexerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.worker = new OutboxWorker({
      name: 'search outbox',
      round: () => this.drainOnce(),
      batchSize: this.batchSize,
      pollMs: options.pollMs ?? 500,
      listen: options.listenUrl ? { url: options.listenUrl, channel: 'search_outbox' } : undefined,
      logger: this.logger,
    });
  }

  start(): Promise<void> {
    return this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** One round: takes due rows, gives them to the engine, and returns how many it handled. */
  async drainOnce(): Promise<number> {
    if (this.probing !== 'no') await this.probe();
    return this.db.transaction(async (trx) => {
      const rows = await query<OutboxRow>(
        trx,
        `select id, kind, entity_id, attempts from search_outbox where next_attempt_at <= now()
         order by id limit ? for update skip locked`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      try {
        await this.engine.refresh(targetOf(rows));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        const delay = retryDelayMs(attempts, this.options.firstRetryMs, this.options.maxRetryMs);
        await query(
          trx,
          `update search_outbox set attempts = attempts + 1, last_error = ?,
             next_attempt_at = now() + (? * interval '1 millisecond') where id = any(?::bigint[])`,
          [message.slice(0, 2000), delay, ids],
        );
        await this.recordStatus(trx, message);
        if (this.probing === 'no') this.probing = 'failed-round';
        this.logger.warn(
          { err: error, rows: rows.length, retryInMs: delay },
          'search indexing failed; will retry',
        );
        return 0;
      }
      await query(trx, 'delete from search_outbox where id = any(?::bigint[])', [ids]);
      await this.recordStatus(trx, null);
      return rows.length;
    });
  }

  /**
   * Asks the engine whether it answers. Away → keep asking each round. Back after being away →
   * every backed-off row is due now. Answering when it was never seen away (the failure was one
   * change's, not the engine's) → the backoff stands.
   */
  private async probe(): Promise<void> {
    const answers = await this.engine.stats().then(
      () => true,
      () => false,
    );
    if (!answers) {
      this.probing = 'engine-away';
      return;
    }
    if (this.probing === 'engine-away') {
      const released = await query<{ id: string }>(
        this.db,
        'update search_outbox set next_attempt_at = now() where next_attempt_at > now() returning id',
      );
      this.logger.info(
        { rows: released.length },
        'search engine answers again; retrying the changes that waited',
      );
    }
    this.probing = 'no';
  }

  /** Drains until nothing is due (tests, and `npm run reindex` after a rebuild). */
  async drain(): Promise<void> {
    while ((await this.drainOnce()) > 0) {
      // keep going
    }
  }

  private async recordStatus(trx: Knex.Transaction, error: string | null): Promise<void> {
    await query(
      trx,
      error === null
        ? `insert into search_index_status (engine, last_indexed_at) values (?, now())
           on conflict (engine) do update set last_indexed_at = now()`
        : `insert into search_index_status (engine, last_error, last_error_at) values (?, ?, now())
           on conflict (engine) do update set last_error = excluded.last_error, last_error_at = now()`,
      error === null ? [this.engine.engine] : [this.engine.engine, error.slice(0, 2000)],
    );
  }
}
