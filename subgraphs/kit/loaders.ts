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

/** How to build read-only entities of one class: a prototype of its own, and each column's value. */
interface Plan {
  /**
   * Inherits the entity class's prototype; shadows the ORM's setters for the columns and holds the
   * relations' accessors (each makes its relation on first read).
   */
  prototype: object;
  values: { key: string | symbol; value: (row: Record<string, unknown>) => unknown }[];
}

/** A property that holds its value on the object itself from now on (a relation, once read). */
function settle(target: object, name: string, value: unknown): unknown {
  Object.defineProperty(target, name, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return value;
}

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

const plans = new WeakMap<EntityMetadata, Plan>();

/**
 * How to build an entity of `meta` from its row, read once from the ORM's metadata: scalars
 * converted as the ORM converts them (dates, custom types such as arrays and JSON), embeddables as
 * their class (null when every column is), a many-to-one as the ORM's own reference and a collection
 * as the ORM's own, not loaded; both made on first read, by accessors on a prototype shared by every
 * entity of the class (the objects themselves all have the same shape).
 */
function planOf(meta: EntityMetadata, platform: Platform): Plan {
  const known = plans.get(meta);
  if (known) return known;
  const prototype = Object.create(meta.prototype as object) as object;
  const values: Plan['values'] = [];
  // The ORM's prototype has setters for the columns (its change tracking): shadow them, so that
  // assigning a value makes a plain property of the object.
  const column = (name: string) =>
    Object.defineProperty(prototype, name, {
      value: undefined,
      writable: true,
      configurable: true,
    });
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
        if (prop.persist === false) break;
        column(prop.name);
        values.push({ key: prop.name, value: scalarOf(prop, platform) });
        break;
      case ReferenceKind.EMBEDDED: {
        const embeddable = (prop.targetMeta!.class as { prototype: object }).prototype;
        const parts = Object.values(prop.embeddedProps).map((p) => ({
          name: p.embedded![1],
          value: scalarOf(p, platform),
        }));
        column(prop.name);
        values.push({
          key: prop.name,
          value: (row) => {
            const object: Record<string, unknown> = Object.create(embeddable) as Record<
              string,
              unknown
            >;
            let given = false;
            for (const part of parts)
              given = (object[part.name] = part.value(row)) !== null || given;
            return given || !prop.nullable ? object : null;
          },
        });
        break;
      }
      case ReferenceKind.MANY_TO_ONE:
      case ReferenceKind.ONE_TO_ONE: {
        const field = prop.fieldNames?.[0];
        if (!field) break; // the inverse side of a one-to-one has no column
        const target = prop.targetMeta!.class;
        const id = Symbol(prop.name);
        values.push({ key: id, value: (row) => row[field] ?? null });
        Object.defineProperty(prototype, prop.name, {
          configurable: true,
          get(this: Record<symbol, unknown>) {
            const pk = this[id];
            return settle(
              this,
              prop.name,
              pk === null
                ? null
                : prop.ref
                  ? (Reference.createFromPK(target, pk) as object)
                  : (Reference.createNakedFromPK(target, pk) as object),
            );
          },
          set(this: object, value: unknown) {
            settle(this, prop.name, value);
          },
        });
        break;
      }
      case ReferenceKind.ONE_TO_MANY:
      case ReferenceKind.MANY_TO_MANY:
        Object.defineProperty(prototype, prop.name, {
          configurable: true,
          get(this: object) {
            const collection = new Collection<object>(this, undefined, false);
            collection.property = prop;
            return settle(this, prop.name, collection);
          },
          set(this: object, value: unknown) {
            settle(this, prop.name, value);
          },
        });
    }
  }
  const plan = { prototype, values };
  plans.set(meta, plan);
  return plan;
}

/**
 * Entities from rows already read (a table's columns as keys; from `to_jsonb(row)` too, whose
 * times are ISO strings): not managed, never flushed. Built from the ORM's metadata as plain
 * objects of the entity's class, without the ORM's change tracking, whose per-object accessors
 * made building a search's page of 20 listings and their 20 places cost about 2 ms of CPU (0.26
 * ms this way). A relation is the ORM's own reference or collection, made when first read.
 */
export function readOnlyEntities<T extends { id: string }>(
  em: EntityManager,
  entity: new () => T,
  rows: EntityDictionary<T>[],
): T[] {
  const { prototype, values } = planOf(em.getMetadata().get<T>(entity.name), em.getPlatform());
  return rows.map((row: Record<string | symbol, unknown>) => {
    const built = Object.create(prototype) as Record<string | symbol, unknown>;
    for (const { key, value } of values) built[key] = value(row);
    return built as T;
  });
}
