import DataLoader from 'dataloader';
import type { EntityDictionary, EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from './ids';

export interface ByIdOptions {
  /**
   * Entities only read, never changed through this loader: one plain query, hydrated by the ORM's
   * own entity factory, skipping em.find's query builder and unit of work (about a third of the CPU
   * for a page of listings). The entities are not managed: change them through em.findOne instead.
   */
  readOnly?: boolean;
}

/**
 * Rows by id, batched: one statement for every id asked in the same tick, answers in the order asked,
 * null for an id that names nothing (an id that is not a UUID is not even sent to Postgres).
 */
export function byIdLoader<T extends { id: string }>(
  em: EntityManager,
  entity: new () => T,
  options: ByIdOptions = {},
): DataLoader<string, T | null> {
  const find: (ids: string[]) => Promise<T[]> = options.readOnly
    ? readOnlyFinder(em, entity)
    : (ids: string[]) => em.find(entity, { id: { $in: ids } });
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await find(valid) : [];
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function readOnlyFinder<T extends { id: string }>(em: EntityManager, entity: new () => T) {
  const meta = em.getMetadata().get<T>(entity.name);
  return async (ids: string[]): Promise<T[]> =>
    readOnlyEntities(
      em,
      entity,
      await em
        .getConnection()
        .execute<EntityDictionary<T>[]>(`select * from "${meta.tableName}" where id in (?)`, [ids]),
    );
}

/**
 * Entities from rows already read (a table's columns as keys; from `to_jsonb(row)` too, whose
 * times are ISO strings), hydrated as a read-only loader's are: not managed, never flushed.
 */
export function readOnlyEntities<T extends { id: string }>(
  em: EntityManager,
  entity: new () => T,
  rows: EntityDictionary<T>[],
): T[] {
  const meta = em.getMetadata().get<T>(entity.name);
  const factory = em.getEntityFactory();
  const driver = em.getDriver();
  return rows.map((row) =>
    factory.create<T>(entity, driver.mapResult(row, meta)!, {
      merge: false,
      convertCustomTypes: true,
    }),
  );
}
