import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../subgraphs/kit/paths';
import { createListing, type Fixture } from '../support/fixtures';
import { freePort } from '../support/global-setup';
import { recordFigures } from '../support/figures';
import { postJson } from '../support/http';
import { CREATE_REFERRAL, referralInput, type CreateReferralData } from '../support/referrals';
import { startStack, type TestStack } from '../support/stack';

const main = join(projectRoot(), 'dist', 'subgraphs', 'referrals', 'main.js');
const CALLS = 1000;
const CLIENTS = 8;
const KILL_AFTER = 300;
const LEASE_SECONDS = 5;
if (!existsSync(main))
  console.log('dist/ is not built (npm test builds it): the kill -9 test needs it.');

/**
 * The referrals process is killed (SIGKILL, no goodbye) in the middle of 1,000 createReferral calls
 * whose clients retry with their idempotency keys until they get an answer, then started again:
 * every referral is there once, none lost, none twice.
 */
describe.runIf(existsSync(main))('kill -9 of the referrals process during 1,000 referrals', () => {
  let stack: TestStack;
  let gateway: string;
  let listing: Fixture;
  let child: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;
  let port: number;

  /** When the last start began and when its health check first answered. */
  let startedAt = 0;
  let healthyAt = 0;

  async function startReferrals(): Promise<void> {
    startedAt = Date.now();
    const started = spawn(process.execPath, [main], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`referrals exited: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        healthyAt = Date.now();
        return;
      }
      if (Date.now() > deadline) throw new Error(`referrals did not start: ${stderr}`);
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }

  let dataDir: string;

  beforeAll(async () => {
    // Its development mail and secrets, away from the project's own .data folder.
    dataDir = mkdtempSync(join(tmpdir(), 'hub-kill-'));
    stack = await startStack();
    listing = await createListing(stack.resources.orm);
    port = await freePort();
    const referrals = stack.subgraphs.referrals;
    env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'error',
      REFERRALS_PORT: String(port),
      REFERRALS_DATABASE_URL: referrals.databaseUrl,
      IDENTITY_SIGNING_SECRET: referrals.identitySecret,
      RESOURCES_URL: stack.subgraphUrls.resources,
      PEERS_URL: stack.subgraphUrls.peers,
      ACCOUNTS_URL: stack.subgraphUrls.accounts,
      DATA_DIR: dataDir,
      // Deliveries the killed process had taken are another's after this, not after a minute.
      NOTIFICATION_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    await startReferrals();
    gateway = await stack.startGateway(0, {
      referrals: `http://127.0.0.1:${port}/graphql`,
    });
  }, 180_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses none and makes none twice', async () => {
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const keys = Array.from({ length: CALLS }, () => randomUUID());
    const ids = new Map<string, string>();
    let answered = 0;
    let failedTries = 0;
    const failures = new Set<string>();
    let restarted: Promise<void> | undefined;
    let killedAt = 0;
    let firstAnswerAfterKill = 0;

    async function send(key: string, n: number): Promise<void> {
      const input = referralInput(listing, {
        person: { ...referralInput(listing).person, displayName: `Person ${n}` },
      });
      for (let tries = 0; ; tries++) {
        const res = await postJson<CreateReferralData>(
          gateway,
          { query: CREATE_REFERRAL, variables: { input, key } },
          { authorization: `Bearer ${planner}` },
        ).catch(() => null);
        const id = res?.body.data?.createReferral.id;
        if (id) {
          ids.set(key, id);
          answered += 1;
          if (killedAt && !firstAnswerAfterKill && tries > 0) firstAnswerAfterKill = Date.now();
          if (answered === KILL_AFTER && !restarted) {
            killedAt = Date.now();
            child?.kill('SIGKILL');
            restarted = new Promise((wait) => setTimeout(wait, 1000)).then(startReferrals);
          }
          return;
        }
        failedTries += 1;
        failures.add(
          res
            ? `${res.status} ${res.body.errors?.map((e) => String(e.extensions?.code)).join(',')}`
            : 'no answer',
        );
        if (tries > 400) throw new Error(`no answer for ${key}: ${JSON.stringify(res?.body)}`);
        await new Promise((wait) => setTimeout(wait, 100));
      }
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < CALLS) {
          const n = next++;
          await send(keys[n], n);
        }
      }),
    );
    await restarted;

    expect(failedTries).toBeGreaterThan(0); // the kill did happen mid-way
    // While it is away the gateway says so (retry), never an internal error.
    expect(
      [...failures].filter((f) => f !== '503 SERVICE_UNAVAILABLE' && f !== 'no answer'),
    ).toEqual([]);
    expect(ids.size).toBe(CALLS);
    expect(new Set(ids.values()).size).toBe(CALLS);
    const knex = stack.subgraphs.referrals.orm.em.getConnection().getKnex();
    const rows = await knex('referral')
      .where({ resource_id: listing.resource.id })
      .select<{ id: string }[]>('id');
    // Every notification of those referrals is delivered, those the killed process held included.
    const undelivered = async () =>
      (
        await knex.raw<{ rows: { channel: string; error: string | null; n: number }[] }>(
          `select channel, left(last_error, 120) as error, count(*)::int as n
           from notification_delivery where delivered_at is null group by 1, 2 order by 1, 2`,
        )
      ).rows;
    const heldAfterRun = (await undelivered()).reduce((sum, r) => sum + r.n, 0);
    const runEnded = Date.now();
    await expect.poll(undelivered, { timeout: 30_000, interval: 250 }).toEqual([]);
    const deliveredAllMs = Date.now() - runEnded;

    recordFigures('referrals-kill', {
      notificationLeaseSeconds: LEASE_SECONDS,
      undeliveredAtEnd: heldAfterRun,
      allDeliveredAfterMs: deliveredAllMs,
      asked: CALLS,
      clients: CLIENTS,
      killedAfterAnswers: KILL_AFTER,
      created: rows.length,
      distinct: new Set(rows.map((r) => r.id)).size,
      duplicated: rows.length - new Set(rows.map((r) => r.id)).size,
      lost: CALLS - new Set(ids.values()).size,
      failedTries,
      // The test waits 1 s after the kill before starting the process again, as a supervisor would.
      restartWaitMs: 1000,
      startToHealthyMs: healthyAt - startedAt,
      killToFirstAnswerMs: firstAnswerAfterKill - killedAt,
    });
    expect(rows.length).toBe(CALLS);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids.values()));
  }, 300_000);
});
