import { randomInt } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from '@mikro-orm/postgresql';
import { PostgresSearch } from '../../subgraphs/resources/search/postgres-search';
import { bearerToken, postGraphQL } from './client';
import { wrapMarkdown } from './report';
import { latency, timeEach, type Latency } from './stats';

/**
 * Issue 18's "change → searchable": edits one listing at a time through the gateway, and times how
 * long after the edit's answer a search through the same gateway first finds the listing by the
 * word the edit gave it.
 */

/** What bench-results/search-*.json keeps of the measurement, per size. */
export interface FreshnessResult {
  /** Edits tried, one after another, each to a different listing. */
  edits: number;
  /** Edits asked for: more than tried when the directory has fewer listings, or after a run of failures. */
  planned: number;
  /** Edits not searchable within the timeout, or refused: counted, never left out. */
  failures: number;
  /** The first few failures, as seen. */
  failureReasons: string[];
  /** From the edit's answer to the first search answer that holds the listing, over the edits found. */
  searchable: Latency;
  /** The edit's own round trip through the gateway. */
  editMs: Latency;
  /** Every polling search's round trip through the gateway. */
  searchMs: Latency;
  /** Searches sent per edit found, the last (the one that found it) included. */
  searchesPerEdit: Latency;
  /**
   * One indexing round's work for one edited listing (PostgresSearch.refresh, the statements the
   * indexer runs), timed alone in the bench's process after the edits.
   */
  indexMs: Latency;
  /** The pause between one search's answer and the next search. */
  pollMs: number;
  timeoutMs: number;
  machineLoad: { before: number; after: number };
}

export interface FreshnessOptions {
  /** The Apollo Gateway's /graphql. */
  url: string;
  jwtSecret: string;
  /** The gateway's AUTH_ISSUER and AUTH_AUDIENCE. */
  deployment: { issuer: string; audience: string };
  edits: number;
  pollMs?: number;
  timeoutMs?: number;
}

const EDIT = `mutation Edit($id: ID!, $v: Int!, $input: UpdateResourceInput!) {
  updateResource(id: $id, expectedVersion: $v, input: $input) { id version name }
}`;

/** After this many failures in a row the edits stop: the figure is broken, not slow. */
const STOP_AFTER_FAILURES = 5;

const SEARCH = `query Find($input: ResourceSearchInput!) {
  searchResources(input: $input) { hits { resource { id } } }
}`;

/** The marker word's shape, so that a name an interrupted run left marked is put back all the same. */
const WORD_PREFIX = 'frsh';
const MARKED = new RegExp(` ${WORD_PREFIX}[a-z]{8}$`);

/** A word no listing of the generated directory has, nor any English stem: `frsh` + 8 letters. */
export function markerWord(): string {
  let word = WORD_PREFIX;
  for (let i = 0; i < 8; i++) word += String.fromCharCode(97 + randomInt(26));
  return word;
}

/** The name without a marker word a bench run added. */
export const unmarked = (name: string): string => name.replace(MARKED, '');

interface Listing {
  id: string;
  version: number;
  name: string;
}

/** Listings that search shows (active, indexed), spread over the directory, the same each run. */
async function listingsToEdit(knex: Knex, n: number): Promise<Listing[]> {
  const { rows } = await knex.raw<{ rows: Listing[] }>(
    `select r.id, r.version, r.name from resource r
     where r.status = 'ACTIVE' and exists (select 1 from search_document d where d.resource_id = r.id)
     order by md5(r.id::text) limit ?`,
    [n],
  );
  return rows;
}

type EditAnswer = { updateResource: { id: string; version: number; name: string } };

async function edit(
  url: string,
  token: string,
  listing: Listing,
  name: string,
): Promise<{ version: number } | { error: string }> {
  const { status, body } = await postGraphQL<EditAnswer>(
    url,
    EDIT,
    { id: listing.id, v: listing.version, input: { name } },
    token,
  );
  if (body.errors?.length || !body.data)
    return { error: `HTTP ${status}: ${body.errors?.[0]?.message ?? 'no data'}` };
  return { version: body.data.updateResource.version };
}

/** Waits until the indexer has taken every change (the outbox is empty), or `ms` have passed. */
async function outboxDrained(knex: Knex, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const { rows } = await knex.raw<{ rows: { n: number }[] }>(
      'select count(*)::int as n from search_outbox',
    );
    if (rows[0].n === 0) return true;
    await sleep(50);
  }
  return false;
}

/**
 * Makes `edits` edits one after another, each giving a different listing's name a new word, and
 * for each polls `searchResources` with that word (one search at a time, `pollMs` apart) until an
 * answer holds the listing or `timeoutMs` pass. Then puts every name back, and waits for the index
 * to take that too, so that the directory stays as generated for the next run.
 */
export async function measureFreshness(
  knex: Knex,
  options: FreshnessOptions,
): Promise<FreshnessResult> {
  const { url, pollMs = 2, timeoutMs = 30_000 } = options;
  const loadBefore = loadavg()[0];
  const token = await bearerToken(
    options.jwtSecret,
    { sub: 'bench-freshness', roles: ['admin'] },
    options.deployment,
  );
  const listings = await listingsToEdit(knex, options.edits);
  const searchable: number[] = [];
  const editMs: number[] = [];
  const searchMs: number[] = [];
  const searchesPerEdit: number[] = [];
  const failureReasons: string[] = [];
  let failures = 0;
  let inARow = 0;
  let tried = 0;
  const fail = (reason: string) => {
    failures += 1;
    inARow += 1;
    if (failureReasons.length < 5) failureReasons.push(reason);
    console.error(`freshness: ${reason}`);
  };
  const edited: Listing[] = [];
  for (const listing of listings) {
    if (inARow >= STOP_AFTER_FAILURES) {
      console.error(`freshness: ${inARow} failures in a row; stopping the edits`);
      break;
    }
    tried += 1;
    const original = unmarked(listing.name);
    const word = markerWord();
    const sent = performance.now();
    const answer = await edit(url, token, listing, `${original} ${word}`);
    const answered = performance.now();
    if ('error' in answer) {
      fail(`edit of ${listing.id} refused: ${answer.error}`);
      continue;
    }
    editMs.push(answered - sent);
    edited.push({ ...listing, name: original, version: answer.version });
    const variables = { input: { text: word, first: 20 } };
    let searches = 0;
    let found = false;
    let lastError = '';
    while (performance.now() - answered < timeoutMs) {
      const started = performance.now();
      const { body } = await postGraphQL<{
        searchResources: { hits: { resource: { id: string } }[] };
      }>(url, SEARCH, variables, {});
      const at = performance.now();
      searches += 1;
      searchMs.push(at - started);
      if (body.errors?.length) lastError = body.errors[0].message;
      if (body.data?.searchResources.hits.some((h) => h.resource.id === listing.id)) {
        searchable.push(at - answered);
        searchesPerEdit.push(searches);
        inARow = 0;
        found = true;
        break;
      }
      await sleep(pollMs);
    }
    if (!found)
      fail(
        `"${word}" (listing ${listing.id}) not found within ${timeoutMs} ms, ${searches} searches${lastError ? `; last error: ${lastError}` : ''}`,
      );
    if (edited.length % 50 === 0)
      console.log(`freshness: ${edited.length} edits, ${searchable.length} searchable`);
  }
  const loadAfter = loadavg()[0];
  // Untimed: the names as they were, through the same API.
  for (const listing of edited) {
    const answer = await edit(url, token, listing, listing.name);
    if ('error' in answer)
      console.error(`freshness: could not restore ${listing.id}: ${answer.error}`);
  }
  if (!(await outboxDrained(knex, 120_000)))
    console.error('freshness: the search outbox was not drained within 2 minutes');
  const { rows: marked } = await knex.raw<{ rows: { n: number }[] }>(
    `select count(*)::int as n from resource where name ~ ' ${WORD_PREFIX}[a-z]{8}$'`,
  );
  if (marked[0].n > 0) console.error(`freshness: ${marked[0].n} names still carry a marker word`);
  // What the indexer's round does for one listing, without the notification or the polling.
  const engine = new PostgresSearch(knex);
  const indexMs = await timeEach(edited.length, (i) =>
    engine.refresh({
      all: false,
      resourceIds: [edited[i].id],
      locationIds: [],
      organizationIds: [],
    }),
  );
  return {
    edits: tried,
    planned: options.edits,
    failures,
    failureReasons,
    searchable: latency(searchable),
    editMs: latency(editMs),
    searchMs: latency(searchMs),
    searchesPerEdit: latency(searchesPerEdit),
    indexMs: latency(indexMs),
    pollMs,
    timeoutMs,
    machineLoad: { before: loadBefore, after: loadAfter },
  };
}

const ms = (x: number) => x.toFixed(1);

/** The size's paragraph of BENCHMARKS.md's search section. */
export function freshnessReport(f: FreshnessResult | undefined): string {
  if (!f) return wrapMarkdown('Change → searchable: not measured in this run.');
  const s = f.searchable;
  return wrapMarkdown(
    `**Change → searchable** (Postgres engine), ${f.edits} edits${f.edits < f.planned ? ` (of ${f.planned} asked for${f.failures >= STOP_AFTER_FAILURES ? `: stopped after ${STOP_AFTER_FAILURES} failures in a row` : ''})` : ''} one after another, each giving a different listing's name a new word through the Apollo Gateway (\`updateResource\`), then \`searchResources\` with that word as text through the same gateway, one search at a time, ${f.pollMs} ms apart, until an answer holds the listing: p50 ${ms(s.p50)} ms, p95 **${ms(s.p95)} ms**, max ${ms(s.max)} ms, from the edit's answer to that search's answer; ${f.failures} of ${f.edits} not searchable within ${f.timeoutMs / 1000} s${f.failures ? ` (first: ${f.failureReasons[0]})` : ''}. The edit itself took p50 ${ms(f.editMs.p50)} ms; one polling search p50 ${ms(f.searchMs.p50)} ms, and ${f.searchesPerEdit.p50} searches per edit at p50 (max ${f.searchesPerEdit.max}). Load average (1 min) ${f.machineLoad.before.toFixed(1)} before, ${f.machineLoad.after.toFixed(1)} after. How a change gets there: the edit's transaction also writes a search_outbox row (a flush subscriber), whose insert trigger NOTIFYs the resources subgraph's indexer at commit; the indexer, LISTENing, wakes and in one round rebuilds that listing's search documents and words and deletes the row. So the figure is the notification, one indexing round (the same round's work for one listing, timed alone after the edits: p50 ${ms(f.indexMs.p50)} ms, p95 ${ms(f.indexMs.p95)} ms), and the polling's slack: it counts the whole round trip of the search that found the change, which may have been indexed while the search before it was under way (so up to one search and the ${f.pollMs} ms pause after it are slack).`,
  );
}

/** What changed for this figure, measured before and after on the same machine. */
export const FRESHNESS_CHANGES = `What the change → searchable measurement found, 2026-12-03, on a directory of 10,000 with
\`--per-type 40\`: one listing's indexing round took 27.2 ms at p50 (p95 40.0 ms), because the statements that
rebuild a change's documents filtered the search_source view by location as well as by listing, a condition
on the nullable side of its left join that Postgres cannot take to an index: every round joined all of
resource_location and location, a cost that grows with the directory. The indexer now looks up the listings of
a location or an organization first and rebuilds their documents by listing id (index scans only): 7.2 ms at
p50 (p95 10.2 ms), and change → searchable went from p50 52.9 / p95 81.7 ms to p50 33.3 / p95 55.4 ms over 200
edits (load average 6.5 in the run before, 4.2 to 4.4 in the run after, so the latency figures compare only
roughly; the indexing round, timed alone, compares better).`;
