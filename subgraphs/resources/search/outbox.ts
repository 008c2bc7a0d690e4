import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { bindings, sql, type SqlBuilder } from '../sql';

/**
 * What to reindex after changes made without the ORM (a bulk import with raw SQL): everything, or
 * the documents of some resources, locations or organizations.
 */
export type ReindexRequest =
  | { all: true }
  | {
      resourceIds?: readonly string[];
      locationIds?: readonly string[];
      organizationIds?: readonly string[];
    };

/** The statement that enqueues `request`, for callers writing their own SQL (the HSDS importer). */
export function searchReindexStatement(request: ReindexRequest): SqlBuilder {
  if ('all' in request) return sql(`insert into search_outbox (kind) values ('all')`);
  return sql(
    `insert into search_outbox (kind, entity_id)
      select 'resource', unnest(?::uuid[]) union all
      select 'location', unnest(?::uuid[]) union all
      select 'organization', unnest(?::uuid[])`,
    request.resourceIds ?? [],
    request.locationIds ?? [],
    request.organizationIds ?? [],
  );
}

/**
 * Enqueues a full or partial search reindex in the caller's transaction (when `em` is inside one),
 * so it commits or rolls back with the rows it describes. The indexer picks it up within a second.
 */
export async function enqueueSearchReindex(
  em: EntityManager,
  request: ReindexRequest,
): Promise<void> {
  const statement = searchReindexStatement(request);
  const knex = em.getConnection().getKnex();
  const raw = knex.raw(statement.text, bindings(statement.params));
  const trx = em.getTransactionContext<Knex.Transaction>();
  await (trx ? raw.transacting(trx) : raw);
}
