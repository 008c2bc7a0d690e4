import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../subgraphs/kit/postgres';
import { prepareTemplates } from '../support/database';
import { recordFigures } from '../support/figures';
import { freePort } from '../support/global-setup';
import { startStack, type TestStack } from '../support/stack';

/** Longest a request may take while the database is away: the client must not be left hanging. */
const REQUEST_LIMIT_MS = 10_000;
const OUTAGE_MS = 10_000;

interface Seen {
  what: string;
  status: number;
  codes: string[];
  ms: number;
}

/**
 * Postgres stops for 10 s while people read and write, then starts again. Every request in the gap
 * is told SERVICE_UNAVAILABLE (503) at once, never a 500, an internal error or a hang; afterwards
 * every subgraph works again without a restart, and what is written then is searchable.
 */
describe('the database stopped for 10 s under load, then started again', () => {
  let dir: string;
  let port: number;
  let postgres: EmbeddedServer;
  let stack: TestStack;
  let admin: string;
  let planner: string;

  const start = () => startEmbeddedPostgres({ dataDir: join(dir, 'data'), port, persistent: true });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-outage-'));
    chmodSync(dir, 0o755); // Postgres runs as its own user when we are root.
    port = await freePort();
    postgres = await start();
    await prepareTemplates(postgres.urlFor('postgres'));
    stack = await startStack({}, { postgresUrl: postgres.urlFor('postgres') });
    admin = await stack.token({ roles: ['admin'] });
    planner = await stack.token({ roles: ['discharge_planner'], org: 'org-outage' });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await postgres?.stop().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The mix a county sees: a public search, a listing written, a planner's referrals, the peers. */
  async function oneOfEach(n: number): Promise<Seen[]> {
    const requests: [string, string, Record<string, unknown>, string | undefined][] = [
      [
        'search',
        'query($q: String!) { searchResources(input: { text: $q }) { totalCount } }',
        { q: 'shelter' },
        undefined,
      ],
      [
        'write',
        'mutation($name: String!) { createOrganization(input: { name: $name }) { id } }',
        { name: `Outage test ${n}` },
        admin,
      ],
      ['referrals', '{ referrals(first: 1) { totalCount } }', {}, planner],
      ['peers', '{ peers(first: 1) { totalCount } }', {}, admin],
    ];
    return Promise.all(
      requests.map(async ([what, query, variables, token]) => {
        const started = Date.now();
        const res = await stack.gql(query, variables, token);
        return {
          what,
          status: res.status,
          codes: (res.body.errors ?? []).map((e) => String(e.extensions?.code)),
          ms: Date.now() - started,
        };
      }),
    );
  }

  it('answers 503 SERVICE_UNAVAILABLE at once while it is away, and recovers by itself', async () => {
    const before = await oneOfEach(0);
    expect(before.map((s) => [s.what, s.status, s.codes])).toEqual([
      ['search', 200, []],
      ['write', 200, []],
      ['referrals', 200, []],
      ['peers', 200, []],
    ]);

    await postgres.stop();
    const during: Seen[] = [];
    const until = Date.now() + OUTAGE_MS;
    for (let n = 1; Date.now() < until; n++) {
      during.push(...(await oneOfEach(n)));
      await new Promise((wait) => setTimeout(wait, 250));
    }
    postgres = await start();

    expect(during.length).toBeGreaterThanOrEqual(8);
    const wrong = during.filter(
      (s) => s.status !== 503 || s.codes.some((code) => code !== 'SERVICE_UNAVAILABLE'),
    );
    expect(wrong).toEqual([]);
    expect(Math.max(...during.map((s) => s.ms))).toBeLessThan(REQUEST_LIMIT_MS);

    // Back without a restart: every kind of request works again, and a listing written now is found.
    const back = Date.now();
    let allAnswered = 0;
    await expect
      .poll(
        async () => {
          const statuses = (await oneOfEach(1000)).map((s) => s.status);
          if (!allAnswered && statuses.every((s) => s === 200)) allAnswered = Date.now();
          return statuses;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([200, 200, 200, 200]);
    const byStatus: Record<string, number> = {};
    for (const s of during) {
      const key = `${s.status} ${[...new Set(s.codes)].join(',') || 'no error'}`;
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    }
    recordFigures('database-outage', {
      outageMs: OUTAGE_MS,
      requestsDuringGap: during.length,
      byStatus,
      slowestDuringGapMs: Math.max(...during.map((s) => s.ms)),
      // From Postgres answering again (its start resolved) to every kind of request answering 200;
      // the poll asks every 500 ms, so this is at most that much late.
      firstFullSuccessAfterRestartMs: allAnswered - back,
    });
    const created = await stack.gql<{ createOrganization: { id: string } }>(
      'mutation { createOrganization(input: { name: "After the outage" }) { id } }',
      {},
      admin,
    );
    expect(created.body.errors).toBeUndefined();
    const organization = await stack.gql<{ organization: { name: string } }>(
      'query($id: ID!) { organization(id: $id) { name } }',
      { id: created.body.data!.createOrganization.id },
      admin,
    );
    expect(organization.body.data?.organization.name).toBe('After the outage');
  }, 120_000);
});
