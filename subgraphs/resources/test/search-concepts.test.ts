import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing } from '../../../test/support/fixtures';
import { startResources, type TestSubgraph } from '../../../test/support/stack';
import { createLogger } from '../../kit/logger';
import { Resource } from '../resource/resource.entity';
import { CONCEPTS, conceptToken, titleToken, tsqueryOf } from '../search/concepts';
import { SearchIndexer } from '../search/indexer';
import { PostgresSearch } from '../search/postgres-search';
import { expandSynonyms } from '../search/synonyms';
import type { ResourcesServices } from '../services';
import { query, sql, type SqlBuilder } from '../sql';
import { expectData } from './harness';

const SEARCH = `query Search($input: ResourceSearchInput!) {
  searchResources(input: $input) { totalCount hits { resource { id name } } }
}`;
interface SearchData {
  searchResources: { totalCount: number; hits: { resource: { id: string; name: string } }[] };
}

/** Listings whose text holds a phrase of a synonym group, in the name, the description, or neither. */
const LISTINGS = [
  { name: 'Suboxone Clinic on Fifth', description: null },
  { name: 'Northside Health Access', description: 'Medication assisted treatment, walk-in.' },
  { name: 'Maple Sober Living House', description: null },
  // The words of "sober living" in another order: not the phrase, so not the group.
  { name: 'Living Room Drop Center', description: 'Stay sober with us; living well.' },
  { name: 'Casa Sobria del Valle', description: 'Vivienda para la recuperación.' },
  { name: 'Riverside Legal Aid', description: 'Record clearance and clean slate help.' },
];

describe('synonym groups as index-time concepts (Postgres engine)', () => {
  let subgraph: TestSubgraph<ResourcesServices>;
  const quiet = createLogger('test', 'silent');
  beforeAll(async () => {
    subgraph = await startResources({
      options: { indexer: { pollMs: 3_600_000, listenUrl: undefined } },
    });
    for (const listing of LISTINGS) {
      const { resource } = await createListing(subgraph.orm, { name: listing.name });
      if (listing.description)
        await subgraph.orm.em
          .fork()
          .nativeUpdate(Resource, { id: resource.id }, { description: listing.description });
    }
  });
  afterAll(() => subgraph?.stop());

  const knex = () => subgraph.orm.em.getConnection().getKnex();
  const ids = async (where: SqlBuilder) => {
    const statement = sql('select id from search_document d where')
      .append(where)
      .add('order by id');
    return (await query<{ id: string }>(knex(), statement.text, statement.params)).map((r) => r.id);
  };
  const search = async (text: string) =>
    expectData(
      await subgraph.execute<SearchData>(SEARCH, { input: { text, first: 50 } }),
    ).searchResources.hits.map((h) => h.resource.name);

  /** For every group: the documents its token finds are those its phrases find. */
  const expectTokensMatchPhrases = async () => {
    let groupsFound = 0;
    for (const concept of CONCEPTS) {
      const byPhrases = await ids(sql('d.tsv @@ (').append(tsqueryOf(concept.phrases)).add(')'));
      const byToken = await ids(sql('d.concepts @> ?::text[]', [concept.token]));
      expect(byToken, concept.phrases[0]).toEqual(byPhrases);
      const inTitle = await ids(
        sql('d.title_tsv @@ (').append(tsqueryOf(concept.phrases)).add(')'),
      );
      const byTitleToken = await ids(sql('d.concepts @> ?::text[]', [titleToken(concept.token)]));
      expect(byTitleToken, `${concept.phrases[0]} in the title`).toEqual(inTitle);
      if (byPhrases.length > 0) groupsFound += 1;
    }
    // Shelters (every fixture), MAT, sober living and legal aid at least.
    expect(groupsFound).toBeGreaterThanOrEqual(4);
  };

  it('records, for each document, exactly the groups its text matches, and those its title matches', async () => {
    // Indexed one listing at a time, as edits are...
    await new SearchIndexer(knex(), new PostgresSearch(knex()), quiet).drain();
    await expectTokensMatchPhrases();
    // ...and all at once, as a rebuild does.
    await new PostgresSearch(knex()).rebuild();
    await expectTokensMatchPhrases();
    // A search asks for the token: a document without it is not found by the group's words.
    expect(await search('MAT')).toContain('Suboxone Clinic on Fifth');
    await knex().raw(
      "update search_document set concepts = '{}' where name = 'Suboxone Clinic on Fifth'",
    );
    expect(await search('MAT')).not.toContain('Suboxone Clinic on Fifth');
    // Its other words still find it.
    expect(await search('fifth')).toContain('Suboxone Clinic on Fifth');
    await new PostgresSearch(knex()).rebuild();
    // A query's group is the group's token, whichever of its phrases was typed.
    expect(conceptToken(expandSynonyms('buprenorphine')[0])).toBe(
      conceptToken(expandSynonyms('MAT')[0]),
    );
  });

  it('finds the same listings while the index lacks the groups, and a start of the subgraph rebuilds it with them', async () => {
    await new PostgresSearch(knex()).rebuild();
    const expected = {
      MAT: ['Northside Health Access', 'Suboxone Clinic on Fifth'],
      'sober living': ['Casa Sobria del Valle', 'Maple Sober Living House'],
      'legal help': ['Riverside Legal Aid'],
    };
    const found = async (): Promise<Record<string, string[]>> => {
      const out: Record<string, string[]> = {};
      for (const text of Object.keys(expected)) out[text] = (await search(text)).sort();
      return out;
    };
    expect(await found()).toEqual(expected);
    // An index built before the groups were recorded (or with other groups): no tokens.
    await knex().raw("delete from search_concept; update search_document set concepts = '{}'");
    const stale = new PostgresSearch(knex());
    expect(await stale.needsRebuild()).toBe(true);
    // The subgraph's engine keeps the groups it read for a few seconds: a new one reads them now.
    await subgraph.stop();
    const again = await startResources({
      databaseUrl: subgraph.databaseUrl,
      options: { indexer: { pollMs: 3_600_000, listenUrl: undefined } },
    });
    subgraph = again;
    // Searched by their phrases, the groups find the same listings.
    expect(await found()).toEqual(expected);
    // The start asked for a rebuild; once it is done, the index has this code's groups again.
    const outbox = await query<{ kind: string }>(knex(), 'select kind from search_outbox');
    expect(outbox.map((r) => r.kind)).toContain('all');
    // The subgraph's indexer takes it on its first round; this one takes it if that has not yet.
    for (let i = 0; i < 200; i++) {
      await new SearchIndexer(knex(), new PostgresSearch(knex()), quiet).drain();
      const [{ n }] = await query<{ n: number }>(
        knex(),
        'select count(*)::int as n from search_outbox',
      );
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await new PostgresSearch(knex()).needsRebuild()).toBe(false);
    await expectTokensMatchPhrases();
    expect(await found()).toEqual(expected);
  });
});
