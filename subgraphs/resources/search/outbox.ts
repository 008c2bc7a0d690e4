import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * What to reindex after changes made without the ORM (a bulk import with raw SQL): everything, or
 * the documents of some resources, locations or organizations.
 */
export type ReindexRequest =
  | { all: true }
  | { resourceIds?: readonly string[]; locationIds?: readonly string[]; organizationIds?: readonly string[] };

/** The statement that enqueues `request`, for callers holding their own `pg` client ($1..$3 parameters). */
export function searchReindexStatement(request: ReindexRequest): { text: string; values: unknown[] } {
  if ('all' in request) {
    return { text: `insert into search_outbox (kind) values ('all')`, values: [] };
  }
  return {
    text: `insert into search_outbox (kind, entity_id)
      select 'resource', unnest($1::uuid[]) union all
      select 'location', unnest($2::uuid[]) union all
      select 'organization', unnest($3::uuid[])`,
    values: [request.resourceIds ?? [], request.locationIds ?? [], request.organizationIds ?? []],
  };
}

/**
 * Enqueues a full or partial search reindex in the caller's transaction (when `em` is inside one),
 * so it commits or rolls back with the rows it describes. The indexer picks it up within a second.
 */
export async function enqueueSearchReindex(em: EntityManager, request: ReindexRequest): Promise<void> {
  const { text, values } = searchReindexStatement(request);
  const knex = em.getConnection().getKnex();
  const raw = knex.raw(text.replace(/\$\d/g, '?'), values as never);
  const trx = em.getTransactionContext();
  await (trx ? raw.transacting(trx) : raw);
}
