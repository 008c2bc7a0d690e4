import type { Knex } from '@mikro-orm/postgresql';

/**
 * The resources subgraph's one way to write raw SQL: `?` bindings (knex's own), fragments built up
 * with their bindings in order, run on the ORM's knex. Entity work goes through the ORM; this is for
 * what the ORM would do slowly or not at all (search, bulk HSDS import and export, the outbox).
 */
export type Db = Knex | Knex.Transaction;

/** A fragment of SQL and its `?` bindings, built up piece by piece. */
export class SqlBuilder {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(fragment: string, ...params: unknown[]): this {
    this.parts.push(fragment);
    this.params.push(...params);
    return this;
  }

  append(other: SqlBuilder): this {
    this.parts.push(other.text);
    this.params.push(...other.params);
    return this;
  }

  get text(): string {
    return this.parts.join(' ');
  }
}

export function sql(fragment: string, ...params: unknown[]): SqlBuilder {
  return new SqlBuilder().add(fragment, ...params);
}

/** Joins fragments with `separator`, keeping their bindings in order. */
export function joinSql(fragments: SqlBuilder[], separator: string): SqlBuilder {
  const out = new SqlBuilder();
  fragments.forEach((f, i) => {
    if (i > 0) out.add(separator);
    out.append(f);
  });
  return out;
}

/**
 * Bindings as knex types them. The builders collect whatever their callers bind; knex checks each
 * value when it runs the statement (and refuses `undefined`), as it always did.
 */
export function bindings(params: readonly unknown[]): readonly Knex.RawBinding[] {
  return params as readonly Knex.RawBinding[];
}

/**
 * Runs raw SQL through the ORM's own knex (one pool, and every statement seen by the ORM's query
 * listeners). Bindings go to Postgres as parameters, arrays as arrays.
 */
export async function query<T = Record<string, unknown>>(
  db: Db,
  text: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const result = await db.raw<{ rows: T[] }>(text, bindings(params));
  return result.rows;
}
