import type { Knex } from '@mikro-orm/postgresql';
import { BENCH_METROS } from '../../seed/scale';
import { ANONYMOUS } from '../../subgraphs/kit/identity';
import type { MikroORM } from '../../subgraphs/kit/orm';
import { TAXONOMY } from '../../subgraphs/resources/category/taxonomy';
import { CategoryService } from '../../subgraphs/resources/category/category.service';
import { searchConfig } from '../../subgraphs/resources/config';
import { MeiliSearch } from '../../subgraphs/resources/search/meili-search';
import { PostgresSearch } from '../../subgraphs/resources/search/postgres-search';
import type { ResourceSearch } from '../../subgraphs/resources/search/search.port';
import { SearchService } from '../../subgraphs/resources/search/search.service';
import { wrapMarkdown } from './report';

/**
 * The relevance check of search: a fixed set of queries over the generated directory
 * (seed/scale.ts), each with the listings a person typing it would expect near the top.
 *
 * "Expected" is decided without the engine, by a condition on the directory's own tables: the
 * listing (a resource at one of its locations) is ACTIVE, has one of the case's categories or a
 * category under one of them (resource.category_ids, expanded down the taxonomy), serves one of the
 * case's populations when the case names any, and, when the case has a place, the location lies
 * within the search's default radius (25 km, great-circle) of that metro's centre. The words of
 * the query play no part in it: "refugio" expects emergency shelters whatever a listing says.
 *
 * Score: recall@5 = (expected listings among the first 5 hits) ÷ min(5, expected listings in the
 * directory), per query; the overall score is the mean over the queries. A case with no expected
 * listing in the directory (possible in a small one) is left out and counted as such.
 */

export type RelevanceKind = 'typo' | 'synonym' | 'spanish' | 'category' | 'place' | 'population';

export interface RelevanceCase {
  kind: RelevanceKind;
  text: string;
  /** A metro of the generated directory (BENCH_METROS): the search is near its centre. */
  near?: string;
  /** Expected: a listing with one of these categories or one under them. */
  categories: string[];
  /** And, when given, serving one of these populations. */
  populations?: string[];
}

const c = (
  kind: RelevanceKind,
  text: string,
  categories: string[],
  more: Partial<RelevanceCase> = {},
): RelevanceCase => ({ kind, text, categories, ...more });

const FOOD_GROCERIES = ['food-pantry', 'food-bank'];

export const RELEVANCE_CASES: readonly RelevanceCase[] = [
  // Typos: a letter missing, swapped or doubled.
  c('typo', 'fod pantry', FOOD_GROCERIES),
  c('typo', 'shleter', ['emergency-shelter']),
  c('typo', 'dentl', ['dental']),
  c('typo', 'clinc', ['clinics']),
  c('typo', 'mentl health', ['mental-health']),
  c('typo', 'leagl aid', ['legal-aid']),
  c('typo', 'showr', ['clothing-hygiene']),
  c('typo', 'pantri', FOOD_GROCERIES),
  c('typo', 'emploment', ['employment']),
  c('typo', 'counceling', ['mental-health']),
  c('typo', 'buprenorphin', ['medication-for-addiction-treatment']),
  c('typo', 'transportaton', ['transportation']),
  // Synonyms: the word a peer uses for what the listing calls something else.
  c('synonym', 'detox', ['substance-use-treatment']),
  c('synonym', 'withdrawal management', ['substance-use-treatment']),
  c('synonym', 'MAT', ['medication-for-addiction-treatment']),
  c('synonym', 'suboxone', ['medication-for-addiction-treatment']),
  c('synonym', 'food bank', FOOD_GROCERIES),
  c('synonym', 'groceries', FOOD_GROCERIES),
  c('synonym', 'soup kitchen', ['meals']),
  c('synonym', 'hot meal', ['meals']),
  c('synonym', 'sober living', ['recovery-residence']),
  c('synonym', 'rehab', ['substance-use-treatment']),
  c('synonym', 'therapy', ['mental-health']),
  c('synonym', 'expungement', ['legal-aid']),
  c('synonym', 'lawyer', ['legal-aid']),
  c('synonym', 'food stamps', ['benefits']),
  c('synonym', 'hotline', ['crisis']),
  c('synonym', 'bus pass', ['transportation']),
  c('synonym', 'dentist', ['dental']),
  c('synonym', 'hygiene', ['clothing-hygiene']),
  c('synonym', 'jobs', ['employment']),
  c('synonym', 'reentry', ['reentry-employment']),
  c('synonym', 'emergency housing', ['emergency-shelter']),
  // Spanish: the words the English–Spanish glossary says people type.
  c('spanish', 'comida', ['food']),
  c('spanish', 'refugio', ['emergency-shelter']),
  c('spanish', 'albergue', ['emergency-shelter']),
  c('spanish', 'despensa', FOOD_GROCERIES),
  c('spanish', 'trabajo', ['employment']),
  c('spanish', 'empleo', ['employment']),
  c('spanish', 'dentista', ['dental']),
  c('spanish', 'clínica', ['clinics']),
  c('spanish', 'salud mental', ['mental-health']),
  c('spanish', 'abogado', ['legal-aid']),
  c('spanish', 'desintoxicación', ['substance-use-treatment']),
  c('spanish', 'vivienda', ['housing']),
  c('spanish', 'transporte', ['transportation']),
  c('spanish', 'ropa', ['clothing-hygiene']),
  c('spanish', 'comedor', ['meals']),
  // Category words: the name of a category, typed.
  c('category', 'housing', ['housing']),
  c('category', 'food', ['food']),
  c('category', 'employment', ['employment']),
  c('category', 'legal aid', ['legal-aid']),
  c('category', 'benefits', ['benefits']),
  c('category', 'crisis', ['crisis']),
  c('category', 'transitional housing', ['transitional-housing']),
  c('category', 'dental', ['dental']),
  // With a place: the same kinds of words near a metro's centre.
  c('place', 'food pantry', FOOD_GROCERIES, { near: 'Chicago' }),
  c('place', 'shelter', ['emergency-shelter'], { near: 'Los Angeles' }),
  c('place', 'shleter', ['emergency-shelter'], { near: 'New York' }),
  c('place', 'detox', ['substance-use-treatment'], { near: 'Houston' }),
  c('place', 'comida', ['food'], { near: 'Miami' }),
  c('place', 'refugio', ['emergency-shelter'], { near: 'Dallas' }),
  c('place', 'MAT', ['medication-for-addiction-treatment'], { near: 'Philadelphia' }),
  c('place', 'mental health', ['mental-health'], { near: 'Atlanta' }),
  c('place', 'jobs', ['employment'], { near: 'Washington' }),
  c('place', 'clinic', ['clinics'], { near: 'Phoenix' }),
  c('place', 'showers', ['clothing-hygiene'], { near: 'Boston' }),
  c('place', 'albergue', ['emergency-shelter'], { near: 'Chicago' }),
  // A category word and who it is for.
  c('population', 'veterans housing', ['housing'], { populations: ['VETERANS'] }),
  c('population', 'youth shelter', ['emergency-shelter'], {
    populations: ['YOUTH', 'TRANSITION_AGE_YOUTH'],
  }),
];

/** The search's default radius: the place cases expect listings within it. */
const RADIUS_KM = 25;
const K = 5;

/** The categories given and every category under them. */
export function categoriesUnder(ids: readonly string[]): string[] {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const term of TAXONOMY) {
      if (term.parentId && out.has(term.parentId) && !out.has(term.id)) {
        out.add(term.id);
        grew = true;
      }
    }
  }
  return [...out].sort();
}

function metro(name: string): { lat: number; lng: number } {
  const found = BENCH_METROS.find((m) => m.name === name);
  if (!found) throw new Error(`no metro named ${name} in the generated directory`);
  return { lat: found.lat, lng: found.lng };
}

/** The expected-listing condition of a case on `r` (resource) and `l` (location), with bindings. */
function expectedWhere(k: RelevanceCase): { sql: string; params: Knex.RawBinding[] } {
  const parts = [`r.status = 'ACTIVE'`, 'r.category_ids && ?::text[]'];
  const params: Knex.RawBinding[] = [categoriesUnder(k.categories)];
  if (k.populations?.length) {
    parts.push('r.populations && ?::text[]');
    params.push(k.populations);
  }
  if (k.near) {
    const p = metro(k.near);
    parts.push(`(12742.0176 * asin(least(1, sqrt(power(sin(radians(l.latitude - ?) / 2), 2)
      + cos(radians(?)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ?) / 2), 2))))) <= ?`);
    params.push(p.lat, p.lat, p.lng, RADIUS_KM);
  }
  return { sql: parts.join(' and '), params };
}

export interface CaseScore {
  kind: RelevanceKind;
  text: string;
  near: string | null;
  /** Expected listings in the whole directory. */
  expected: number;
  /** Expected listings among the first K hits. */
  found: number;
  /** null: nothing expected in this directory, so not scored. */
  recall: number | null;
}

export interface RelevanceScore {
  engine: string;
  size: number;
  k: number;
  /** Mean recall@K over the scored cases. */
  overall: number;
  byKind: Record<string, { cases: number; recall: number }>;
  scored: number;
  unscored: number;
  cases: CaseScore[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Runs every case through the search service on `engine` and scores the first K hits. */
export async function scoreRelevance(
  orm: MikroORM,
  engine: ResourceSearch,
  size: number,
  cases: readonly RelevanceCase[] = RELEVANCE_CASES,
): Promise<RelevanceScore> {
  const knex = orm.em.getConnection().getKnex();
  const scores: CaseScore[] = [];
  for (const k of cases) {
    const service = new SearchService(
      Promise.resolve(engine),
      new CategoryService(orm.em.fork()),
      ANONYMOUS,
      knex,
    );
    const page = await service.search(
      { text: k.text, near: k.near ? metro(k.near) : undefined, first: K },
      { total: false, facets: false },
    );
    const where = expectedWhere(k);
    const [{ expected }] = (
      await knex.raw<{ rows: { expected: number }[] }>(
        `select count(*)::int as expected from resource r
         join resource_location rl on rl.resource_id = r.id join location l on l.id = rl.location_id
         where ${where.sql}`,
        where.params,
      )
    ).rows;
    const hits = page.hits.slice(0, K);
    const [{ found }] = hits.length
      ? (
          await knex.raw<{ rows: { found: number }[] }>(
            `select count(*)::int as found from unnest(?::uuid[], ?::uuid[]) h(resource_id, location_id)
             join resource r on r.id = h.resource_id join location l on l.id = h.location_id
             where ${where.sql}`,
            [
              hits.map((h) => h.resourceId),
              hits.map((h) => h.locationId ?? h.resourceId),
              ...where.params,
            ],
          )
        ).rows
      : [{ found: 0 }];
    scores.push({
      kind: k.kind,
      text: k.text,
      near: k.near ?? null,
      expected,
      found,
      recall: expected === 0 ? null : round3(found / Math.min(K, expected)),
    });
  }
  const scored = scores.filter((s) => s.recall !== null);
  const byKind: RelevanceScore['byKind'] = {};
  for (const kind of [...new Set(cases.map((k) => k.kind))]) {
    const of = scored.filter((s) => s.kind === kind).map((s) => s.recall!);
    byKind[kind] = { cases: of.length, recall: round3(mean(of)) };
  }
  return {
    engine: engine.engine,
    size,
    k: K,
    overall: round3(mean(scored.map((s) => s.recall!))),
    byKind,
    scored: scored.length,
    unscored: scores.length - scored.length,
    cases: scores,
  };
}

/**
 * The check on every engine there is: Postgres always (its index must be built), Meilisearch when
 * MEILI_HOST is set (an index of its own is built for the check and dropped after).
 */
export async function measureRelevance(orm: MikroORM, size: number): Promise<RelevanceScore[]> {
  const knex = orm.em.getConnection().getKnex();
  const runs = [await scoreRelevance(orm, new PostgresSearch(knex), size)];
  const config = searchConfig(process.env);
  if (config.engine === 'meilisearch') {
    const meili = new MeiliSearch(knex, {
      host: config.host,
      apiKey: config.apiKey,
      index: `relevance_${size}`,
    });
    try {
      await meili.rebuild();
      runs.push(await scoreRelevance(orm, meili, size));
    } finally {
      await meili.drop();
    }
  }
  for (const r of runs) console.log(`relevance (${r.engine}, ${size}): recall@${r.k} ${r.overall}`);
  return runs;
}

const KINDS: RelevanceKind[] = ['typo', 'synonym', 'spanish', 'category', 'place', 'population'];

/** The BENCHMARKS.md section of the relevance check. */
export function relevanceReport(runs: RelevanceScore[], at: string): string {
  const lines = [
    '## Search relevance (`npm run bench:search`, or alone `npm run bench:relevance`)',
    '',
    `Run ${at}. Method: scripts/bench/relevance.ts. ${RELEVANCE_CASES.length} fixed queries over the`,
    'directory seed/scale.ts generates (typos, synonyms, Spanish words from the English–Spanish',
    'glossary, category words, some near a metro centre, two with a population). Each query has the',
    'listings a person would expect, decided without the engine by a condition on the directory',
    "tables: ACTIVE, one of the query's categories or one under it, serving the named population,",
    'and within 25 km of the metro centre when the query has a place; the words of the query and of',
    'the listing play no part. Score: recall@5 = expected listings among the first 5 hits ÷ min(5,',
    'expected listings); overall = the mean over the queries. Searches are sent the way the app',
    'sends them (text, optional place, relevance order), through the search service in process.',
    '',
    `| engine | size | overall recall@5 | ${KINDS.join(' | ')} |`,
    `|---|---|---|${KINDS.map(() => '---|').join('')}`,
  ];
  for (const r of runs) {
    const cells = KINDS.map((k) =>
      r.byKind[k] ? `${r.byKind[k].recall} (${r.byKind[k].cases})` : '-',
    );
    lines.push(
      `| ${r.engine} | ${r.size.toLocaleString('en-US')} | ${r.overall} | ${cells.join(' | ')} |`,
    );
  }
  lines.push(
    '',
    'In brackets: queries of that kind. First recorded (Postgres, 100,000) before Spanish synonyms,',
    '"sobering center" in place of "sobering", and swapped-letter typos: 0.671 overall (typo 0.833,',
    'synonym 0.857, Spanish 0.133, category 1, place 0.583, population 1).',
    '',
  );
  if (!runs.some((r) => r.engine === 'meilisearch'))
    lines.push('Meilisearch: not run (MEILI_HOST was not set).', '');
  lines.push('Queries below 1, with their recall@5:', '');
  for (const r of runs) {
    const low = r.cases.filter((s) => s.recall !== null && s.recall < 1);
    const names = low.map((s) => `"${s.text}"${s.near ? ` near ${s.near}` : ''} ${s.recall}`);
    const unscored = r.unscored ? ` Not scored (nothing expected): ${r.unscored}.` : '';
    lines.push(
      wrapMarkdown(
        `- ${r.engine}, ${r.size.toLocaleString('en-US')}: ${names.join(', ') || 'none'}.${unscored}`,
        '  ',
      ),
    );
  }
  return lines.join('\n');
}
