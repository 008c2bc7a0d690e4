import { randomBytes, randomUUID } from 'node:crypto';
import { EntitySchema, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { byIdLoader } from './loaders';
import { assertVersion, flushOrConflict } from './orm-errors';
import { afterKey, keysetPage, type Page } from './pagination';
import { ensureDatabase } from './postgres';

class Listing {
  id!: string;
  name!: string;
  version = 1;
}

const ListingSchema = new EntitySchema<Listing>({
  class: Listing,
  tableName: 'kit_listing',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', unique: true },
    version: { type: 'integer', version: true },
  },
});

let orm: MikroORM;

beforeAll(async () => {
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/kit_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(url.toString());
  orm = await MikroORM.init({
    clientUrl: url.toString(),
    entities: [ListingSchema],
    allowGlobalContext: false,
    debug: false,
  });
  await orm.schema.createSchema();
});

afterAll(() => orm?.close(true));

async function listing(name: string): Promise<Listing> {
  const em = orm.em.fork();
  const row = em.create(Listing, { id: randomUUID(), name, version: 1 });
  await em.flush();
  return row;
}

describe('writes that lose a race', () => {
  it('turns a unique key someone else took first into CONFLICT', async () => {
    const name = `Shelter ${randomUUID()}`;
    await listing(name);
    const em = orm.em.fork();
    em.create(Listing, { id: randomUUID(), name, version: 1 });
    await expect(flushOrConflict(em, 'This listing')).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/^This listing was changed by someone else/) as unknown,
    });
  });

  it('turns an edit of a row that changed meanwhile into CONFLICT, and keeps the other edit', async () => {
    const row = await listing(`Pantry ${randomUUID()}`);
    const mine = orm.em.fork();
    const theirs = orm.em.fork();
    const a = await mine.findOneOrFail(Listing, row.id);
    const b = await theirs.findOneOrFail(Listing, row.id);
    b.name = `${b.name} (theirs)`;
    await flushOrConflict(theirs, 'This listing');
    a.name = `${a.name} (mine)`;
    await expect(flushOrConflict(mine, 'This listing')).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    expect((await orm.em.fork().findOneOrFail(Listing, row.id)).name).toMatch(/\(theirs\)$/);
  });

  it('says which version a stale expectedVersion should reload', () => {
    expect(() => assertVersion('This listing', 3, 2)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'CONFLICT', currentVersion: 3 }) as unknown,
      }),
    );
    expect(() => assertVersion('This listing', 3, 3)).not.toThrow();
    expect(() => assertVersion('This listing', 3, undefined)).not.toThrow();
  });
});

/** The SQL statements `run` sends through `em`'s connection. */
async function statementsOf(em: EntityManager, run: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const knex = em.getConnection().getKnex();
  const count = (q: { sql: string }) => statements.push(q.sql);
  knex.on('query', count);
  try {
    await run();
  } finally {
    knex.off('query', count);
  }
  return statements;
}

describe('rows by id', () => {
  for (const readOnly of [false, true]) {
    it(`answers in the order asked, null for ids that name nothing, in one statement (readOnly: ${readOnly})`, async () => {
      const [a, b] = [await listing(`A ${randomUUID()}`), await listing(`B ${randomUUID()}`)];
      const em = orm.em.fork();
      let found: (Listing | Error | null)[] = [];
      const statements = await statementsOf(em, async () => {
        found = await byIdLoader(em, Listing, { readOnly }).loadMany([
          b.id,
          'not-a-uuid',
          randomUUID(),
          a.id,
        ]);
      });
      expect(found.map((r) => (r instanceof Listing ? r.name : r))).toEqual([
        b.name,
        null,
        null,
        a.name,
      ]);
      expect(statements).toHaveLength(1);
      // Managed entities are in the unit of work (a flush writes their changes); read-only ones are not.
      expect(em.getUnitOfWork().getById(Listing.name, b.id)).toBe(readOnly ? undefined : found[0]);
    });
  }

  it('asks Postgres nothing when no id could name a row', async () => {
    const em = orm.em.fork();
    let found: unknown[] = [];
    const statements = await statementsOf(em, async () => {
      found = await byIdLoader(em, Listing).loadMany(['1', 'abc']);
    });
    expect(found).toEqual([null, null]);
    expect(statements).toEqual([]);
  });
});

describe('keyset pages over Postgres', () => {
  it('walks the rows in name order, each once, two to a page', async () => {
    const prefix = `P${randomBytes(3).toString('hex')}`;
    for (const n of ['c', 'a', 'b', 'e', 'd']) await listing(`${prefix} ${n}`);
    const where = { name: { $like: `${prefix}%` } };
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard += 1) {
      const em = orm.em.fork();
      const page: Page<Listing> = await keysetPage<Listing>({
        first: 2,
        after,
        cursorField: 'name',
        sortValue: (row) => row.name,
        rows: (cursor, limit) =>
          em.find(
            Listing,
            {
              $and: [
                where,
                cursor ? afterKey<Listing>('name', cursor.value, cursor.id, 'asc') : {},
              ],
            },
            { orderBy: { name: 'asc', id: 'asc' }, limit },
          ),
        count: () => em.count(Listing, where),
      });
      expect(page.totalCount).toBe(5);
      seen.push(...page.nodes.map((r) => r.name.slice(-1)));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
