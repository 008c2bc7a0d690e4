import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeCursor, keysetPage, type KeysetKey, type Page } from './pagination';

interface Row {
  id: string;
  name: string;
}

/** A list in (name, id) order, kept in memory: what a list query's database would hold. */
function list(names: string[]) {
  const rows: Row[] = names.map((name) => ({ id: randomUUID(), name }));
  const sorted = () =>
    [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const after = (cursor: KeysetKey | undefined) => (row: Row) =>
    !cursor || row.name > String(cursor.value) || (row.name === cursor.value && row.id > cursor.id);
  const page = (first: number | null, afterCursor: string | null): Promise<Page<Row>> =>
    keysetPage<Row>({
      first,
      after: afterCursor,
      cursorField: 'name',
      sortValue: (row) => row.name,
      rows: (cursor, limit) => Promise.resolve(sorted().filter(after(cursor)).slice(0, limit)),
      count: () => Promise.resolve(rows.length),
    });
  return { rows, sorted, page };
}

async function everyPage(
  page: (first: number, after: string | null) => Promise<Page<Row>>,
  first: number,
) {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const result: Page<Row> = await page(first, after);
    seen.push(...result.nodes.map((n) => n.name));
    if (!result.hasNextPage) return seen;
    after = result.endCursor;
  }
}

describe('keyset pages', () => {
  it('walks the whole list in order, each row once, however the pages fall', async () => {
    const names = ['Food Bank', 'Shelter', 'Clinic', 'Shelter', 'Drop-in', 'Shelter', 'Pantry'];
    const { page } = list(names);
    for (const first of [1, 2, 3, 7, 20]) {
      expect(await everyPage(page, first)).toEqual([...names].sort());
    }
  });

  it('says how many match over all pages, and whether more follow', async () => {
    const { page } = list(['A', 'B', 'C']);
    const first = await page(2, null);
    expect(first).toMatchObject({ totalCount: 3, hasNextPage: true });
    const last = await page(2, first.endCursor);
    expect(last.nodes.map((n) => n.name)).toEqual(['C']);
    expect(last).toMatchObject({ totalCount: 3, hasNextPage: false });
  });

  it('neither repeats nor skips a row when rows are added between pages', async () => {
    const { rows, page } = list(['B', 'D', 'F']);
    const first = await page(2, null);
    rows.push({ id: randomUUID(), name: 'A' }, { id: randomUUID(), name: 'E' });
    const next = await page(2, first.endCursor);
    expect([...first.nodes, ...next.nodes].map((n) => n.name)).toEqual(['B', 'D', 'E', 'F']);
  });

  it('gives an empty list one empty page', async () => {
    const { page } = list([]);
    expect(await page(null, null)).toEqual({
      nodes: [],
      endCursor: null,
      hasNextPage: false,
      totalCount: 0,
    });
  });

  it.each([
    ['not base64 JSON', '%%%'],
    [
      'JSON without the sort value',
      Buffer.from(JSON.stringify({ id: randomUUID() })).toString('base64url'),
    ],
    ['an id that is not a UUID', encodeCursor({ name: 'A', id: "x' or 1=1" })],
    ['a cursor longer than any we give out', 'x'.repeat(600)],
  ])('refuses %s as BAD_USER_INPUT on `after`', async (_why, after) => {
    const { page } = list(['A']);
    await expect(page(1, after)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });

  it('refuses a cursor whose sort value the list says it never gives out', async () => {
    const byDate = keysetPage<Row>({
      first: 1,
      after: encodeCursor({ c: 'yesterday', id: randomUUID() }),
      cursorField: 'c',
      sortValue: (row) => row.name,
      validSortValue: (value) => !Number.isNaN(Date.parse(String(value))),
      rows: () => Promise.resolve([]),
      count: () => Promise.resolve(0),
    });
    await expect(byDate).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });

  it.each([0, -1, 101, 2.5])('refuses first: %s', async (first) => {
    const { page } = list(['A']);
    await expect(page(first, null)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });
});
