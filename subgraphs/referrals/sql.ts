import type { EntityManager, EntityProperty } from '@mikro-orm/postgresql';

/** A Postgres array literal for a text[] column: a JS array in a binding would be expanded. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export interface Rows {
  table: string;
  columns: string[];
  /** One `select` per row, every value cast to its column's type. */
  selects: string[];
  bindings: unknown[];
}

/**
 * Rows of an entity as SQL, with the table, column names and types taken from the ORM's metadata,
 * so hand-written statements cannot drift from the entities.
 */
export function rowsOf<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: Partial<T>[],
): Rows {
  const meta = em.getMetadata().get(entity.name);
  const properties: Record<string, EntityProperty> = meta.properties;
  const props = Object.keys(rows[0]);
  const columns = props.map((p) => properties[p].fieldNames[0]);
  const types = props.map((p) => properties[p].columnTypes[0]);
  const bindings: unknown[] = [];
  const selects = rows.map((row) => {
    const casts = props.map((p, i) => {
      const value = (row as Record<string, unknown>)[p];
      bindings.push(Array.isArray(value) ? textArray(value as string[]) : (value ?? null));
      return `?::${types[i]}`;
    });
    return `select ${casts.join(', ')}`;
  });
  return { table: meta.tableName, columns, selects, bindings };
}

export const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
