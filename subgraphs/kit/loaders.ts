import DataLoader from 'dataloader';
import {
  Collection,
  Reference,
  ReferenceKind,
  type EntityDictionary,
  type EntityManager,
  type EntityMetadata,
  type EntityProperty,
  type Platform,
} from '@mikro-orm/postgresql';
import { isUuid } from './ids';

export interface ByIdOptions {
  /**
   * Entities only read, never changed through this loader: one plain query, built as
   * readOnlyEntities builds them, skipping em.find's query builder, unit of work and change
   * tracking. The entities are not managed: change them through em.findOne instead.
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

/** One property of a read-only entity: its value from a row, or (a relation) made on first read. */
type Step =
  | { name: string; value: (row: Record<string, unknown>) => unknown }
  | { name: string; lazy: (owner: object, row: Record<string, unknown>) => unknown };

/** How the ORM's hydration turns a scalar column into the property's value, without the ORM. */
function scalarOf(
  prop: EntityProperty,
  platform: Platform,
): (row: Record<string, unknown>) => unknown {
  const field = prop.fieldNames[0];
  const type = prop.customType;
  if (prop.runtimeType === 'Date')
    return (row) => {
      const v = row[field];
      return v === null || v === undefined
        ? null
        : v instanceof Date
          ? v
          : platform.parseDate(v as string);
    };
  if (prop.runtimeType === 'boolean')
    return (row) => (row[field] === null || row[field] === undefined ? null : !!row[field]);
  if (type)
    return (row) =>
      row[field] === null || row[field] === undefined
        ? null
        : (type.convertToJSValue(row[field], platform) as unknown);
  return (row) => row[field] ?? null;
}

const plans = new WeakMap<EntityMetadata, Step[]>();

/**
 * The steps that build an entity of `meta` from its row, read once from the ORM's metadata:
 * scalars converted as the ORM converts them (dates, custom types such as arrays and JSON),
 * embeddables as their class (null when every column is), a many-to-one as the ORM's own reference
 * and a collection as the ORM's own, not loaded; both are made only when read.
 */
function planOf(meta: EntityMetadata, platform: Platform): Step[] {
  const known = plans.get(meta);
  if (known) return known;
  const steps: Step[] = [];
  for (const prop of meta.props) {
    if (prop.embedded) continue; // read with its embeddable below
    // What no entity here has yet: refuse it plainly rather than read it wrong.
    if (
      prop.object ||
      prop.array ||
      prop.formula ||
      (prop.ref && prop.kind === ReferenceKind.SCALAR)
    )
      throw new Error(
        `a read-only ${meta.className} cannot be built: ${prop.name} is not supported`,
      );
    switch (prop.kind) {
      case ReferenceKind.SCALAR:
        if (prop.persist !== false)
          steps.push({ name: prop.name, value: scalarOf(prop, platform) });
        break;
      case ReferenceKind.EMBEDDED: {
        const prototype = (prop.targetMeta!.class as { prototype: object }).prototype;
        const parts = Object.values(prop.embeddedProps).map((p) => ({
          name: p.embedded![1],
          value: scalarOf(p, platform),
        }));
        steps.push({
          name: prop.name,
          value: (row) => {
            const values: Record<string, unknown> = {};
            let given = false;
            for (const part of parts)
              given = (values[part.name] = part.value(row)) !== null || given;
            return given || !prop.nullable
              ? (Object.setPrototypeOf(values, prototype) as object)
              : null;
          },
        });
        break;
      }
      case ReferenceKind.MANY_TO_ONE:
      case ReferenceKind.ONE_TO_ONE: {
        const field = prop.fieldNames?.[0];
        if (!field) break; // the inverse side of a one-to-one has no column
        const target = prop.targetMeta!.class;
        steps.push({
          name: prop.name,
          lazy: (_owner, row) => {
            const id = row[field];
            if (id === null || id === undefined) return null;
            return prop.ref
              ? (Reference.createFromPK(target, id) as object)
              : (Reference.createNakedFromPK(target, id) as object);
          },
        });
        break;
      }
      case ReferenceKind.ONE_TO_MANY:
      case ReferenceKind.MANY_TO_MANY:
        steps.push({
          name: prop.name,
          lazy: (owner) => {
            const collection = new Collection<object>(owner, undefined, false);
            collection.property = prop;
            return collection;
          },
        });
    }
  }
  plans.set(meta, steps);
  return steps;
}

/**
 * Entities from rows already read (a table's columns as keys; from `to_jsonb(row)` too, whose
 * times are ISO strings): not managed, never flushed. Built from the ORM's metadata as plain
 * objects of the entity's class, without the ORM's change tracking, whose per-object accessors
 * made building a search's page of 20 listings and their 20 places cost about 2 ms of CPU (0.45
 * ms this way). A relation is the ORM's own reference or collection, made when first read.
 */
export function readOnlyEntities<T extends { id: string }>(
  em: EntityManager,
  entity: new () => T,
  rows: EntityDictionary<T>[],
): T[] {
  const meta = em.getMetadata().get<T>(entity.name);
  const steps = planOf(meta, em.getPlatform());
  const prototype = meta.prototype;
  return rows.map((row: Record<string, unknown>) => {
    const built: Record<string, unknown> = {};
    for (const step of steps) {
      if ('value' in step) {
        built[step.name] = step.value(row);
        continue;
      }
      const { name, lazy } = step;
      Object.defineProperty(built, name, {
        enumerable: true,
        configurable: true,
        get() {
          const value = lazy(built, row);
          Object.defineProperty(built, name, { value, enumerable: true, writable: true });
          return value;
        },
        set(value: unknown) {
          Object.defineProperty(built, name, { value, enumerable: true, writable: true });
        },
      });
    }
    return Object.setPrototypeOf(built, prototype) as T;
  });
}
