import DataLoader from 'dataloader';
import type { Logger } from '../../kit/logger';
import {
  DirectoryUnavailableError,
  type ReferableResource,
  type ResourceDirectory,
} from './resource-directory.port';
import { serviceClient, serviceIdentity, type ServiceQuery } from '../../kit/service-client';

/**
 * Who referrals is when it asks the resources subgraph: a service, never an admin. A planner must be
 * told "inactive", not "not found"; resources resolves an entity reference (`_entities`) whatever
 * the listing's status, so the lookup needs no role of a person, and this identity holds none.
 */
/**
 * Who referrals is when it asks another subgraph: a service, never an admin. The subgraphs it asks
 * resolve entity references (`_entities`) whatever a person's role, so this identity holds none.
 */
export const REFERRALS_SERVICE = serviceIdentity('referrals');

/** The subgraph asked: the audience its requests are signed for. */
const RESOURCES = 'resources';

const LOOKUP = `query ReferralsResourceLookup($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Resource { id name status acceptsReferrals organization { id } locations { id } }
  }
}`;

const CATEGORIES = 'query ReferralsCategories { categories(all: true) { id } }';

interface Options {
  /** How long lookups from concurrent requests wait to share one HTTP request. */
  batchWindowMs?: number;
  /** How long an answer about one resource is reused. */
  resourceTtlMs?: number;
  timeoutMs?: number;
  categoriesTtlMs?: number;
}

type EntityRow = {
  id: string;
  name: string;
  status: string;
  acceptsReferrals: boolean;
  organization: { id: string } | null;
  locations: { id: string }[] | null;
} | null;

/**
 * The resources subgraph, asked over HTTP with an identity referrals signs itself (the secret the
 * gateway and subgraphs share).
 *
 * Why this way: referrals may not read resources' tables (each subgraph owns its data), and going
 * through the gateway would mean a client token, the gateway's per-user rate limit and a second
 * hop. Calling the subgraph directly, as the gateway would, keeps resources the judge of its own
 * data. Lookups are batched across requests, not only within one: every lookup made within a
 * couple of milliseconds goes out as one `_entities` request. An answer is then kept for one
 * second, so a burst of referrals to the same shelter asks once, not hundreds of times, while a
 * listing closed or opened is seen within that second. The taxonomy, which changes with a deploy,
 * is kept for a minute.
 */
export class HttpResourceDirectory implements ResourceDirectory {
  private readonly loader: DataLoader<string, ReferableResource | null>;
  private categories?: { at: number; ids: Promise<ReadonlySet<string>> };
  private readonly recent = new Map<
    string,
    { at: number; answer: Promise<ReferableResource | null> }
  >();
  private readonly resourceTtlMs: number;
  private readonly categoriesTtlMs: number;
  private readonly query: ServiceQuery;

  constructor(url: () => string, secret: string, logger: Logger, options: Options = {}) {
    this.query = serviceClient({
      audience: RESOURCES,
      identity: REFERRALS_SERVICE,
      url,
      secret,
      logger,
      timeoutMs: options.timeoutMs,
      describe: 'The resource directory',
      unavailable: (message, cause) => new DirectoryUnavailableError(message, { cause }),
    });
    this.categoriesTtlMs = options.categoriesTtlMs ?? 60_000;
    this.resourceTtlMs = options.resourceTtlMs ?? 1_000;
    const window = options.batchWindowMs ?? 2;
    this.loader = new DataLoader((ids) => this.lookup(ids), {
      cache: false,
      maxBatchSize: 100,
      batchScheduleFn: (run) => setTimeout(run, window),
    });
  }

  resource(id: string): Promise<ReferableResource | null> {
    const now = Date.now();
    const kept = this.recent.get(id);
    if (kept && now - kept.at < this.resourceTtlMs) return kept.answer;
    if (this.recent.size > 10_000) this.recent.clear();
    const answer = this.loader.load(id);
    this.recent.set(id, { at: now, answer });
    // A failure is not remembered: the next call asks again.
    answer.catch(() => this.recent.delete(id));
    return answer;
  }

  categoryIds(): Promise<ReadonlySet<string>> {
    const now = Date.now();
    if (!this.categories || now - this.categories.at > this.categoriesTtlMs) {
      const ids = this.post<{ categories: { id: string }[] }>(CATEGORIES, {}).then(
        (data) => new Set(data.categories.map((c) => c.id)),
      );
      this.categories = { at: now, ids };
      // A failure is not remembered: the next call asks again.
      ids.catch(() => (this.categories = undefined));
    }
    return this.categories.ids;
  }

  private async lookup(ids: readonly string[]): Promise<(ReferableResource | null)[]> {
    const data = await this.post<{ _entities: EntityRow[] }>(LOOKUP, {
      r: ids.map((id) => ({ __typename: 'Resource', id })),
    });
    return data._entities.map((row) =>
      row && row.organization
        ? {
            id: row.id,
            name: row.name,
            status: row.status,
            acceptsReferrals: row.acceptsReferrals,
            organizationId: row.organization.id,
            locationIds: (row.locations ?? []).map((l) => l.id),
          }
        : null,
    );
  }

  private post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return this.query<T>(query, variables);
  }
}
