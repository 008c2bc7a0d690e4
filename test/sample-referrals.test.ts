import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../scripts/subgraphs';
import { DEMO_PASSWORD, demoAccounts, seedDemoAccountsIfEmpty } from '../seed/demo-accounts';
import { importSampleIfEmpty } from '../seed/import-sample';
import { loadSamplePeersIfEmpty } from '../seed/load-peers';
import { authPost, cookieOf, gqlWithCookie } from './accounts/support';
import { expectData } from './support/expect';
import { startStack, type TestStack } from './support/stack';

const STATUSES = [
  'DRAFT',
  'REQUESTED',
  'ACCEPTED',
  'REJECTED',
  'CANCELLED',
  'IN_PROGRESS',
  'ON_HOLD',
  'COMPLETED',
  'FAILED',
  'ENTERED_IN_ERROR',
];

interface InboxData {
  organization: {
    referralInbox: { totalCount: number; nodes: { id: string; status: string }[] };
  } | null;
  referralStats: { sent: number; byStatus: { status: string; count: number }[] };
  unreadNotificationCount: number;
}
const INBOX = `query($org: ID!) {
  organization(id: $org) { referralInbox(first: 50) { totalCount nodes { id status } } }
  referralStats { sent byStatus { status count } }
  unreadNotificationCount
}`;

interface MineData {
  referrals: {
    nodes: {
      id: string;
      status: string;
      history: { id: string }[];
      consents: { id: string }[];
    }[];
  };
}
const MINE = `{ referrals(first: 50) { nodes { id status history { id } consents { id } } } }`;

/** What `npm start` loads into an empty referrals database, seen by the demo people. */
describe('sample referrals', () => {
  let stack: TestStack;
  const seed = SUBGRAPHS.find((s) => s.definition.name === 'referrals')!.seedAfterStart!;
  const run = () =>
    seed(
      stack.subgraphs.referrals.orm,
      (query, variables, identity) => stack.subgraphs.referrals.execute(query, variables, identity),
      { production: false },
    );
  const account = (role: string) => demoAccounts().find((a) => a.roles[0] === role)!;
  const signInAs = async (role: string) =>
    cookieOf(
      await authPost(stack, '/auth/sign-in', {
        email: account(role).email,
        password: DEMO_PASSWORD,
      }),
    );

  beforeAll(async () => {
    stack = await startStack();
    // What npm start loads first: the directory, the peers, the demo accounts.
    await importSampleIfEmpty(stack.resources.orm);
    await loadSamplePeersIfEmpty(stack.subgraphs.peers.orm);
    await seedDemoAccountsIfEmpty(stack.subgraphs.accounts.orm);
  }, 180_000);
  afterAll(() => stack?.stop());

  it('loads one referral in every status once, never in production', async () => {
    const orm = stack.subgraphs.referrals.orm;
    expect(
      await seed(orm, () => Promise.reject(new Error('not called')), { production: true }),
    ).toBeNull();
    expect(await run()).toMatch(/^\d+ referrals$/);
    expect(await run()).toBeNull();
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute<{ status: string }[]>('select distinct status from referral');
    expect(rows.map((r) => r.status).sort()).toEqual([...STATUSES].sort());
  });

  it('fills the demo partner’s inbox and statistics', async () => {
    const cookie = await signInAs('partner');
    const { body } = await gqlWithCookie<InboxData>(stack, cookie, INBOX, {
      org: account('partner').organizationId,
    });
    const data = expectData(body);
    const inbox = data.organization!.referralInbox.nodes;
    expect(inbox.filter((r) => r.status === 'REQUESTED').length).toBeGreaterThanOrEqual(2);
    // Drafts are the referrer's own until sent.
    expect(inbox.some((r) => r.status === 'DRAFT')).toBe(false);
    const counted = Object.fromEntries(data.referralStats.byStatus.map((s) => [s.status, s.count]));
    for (const status of STATUSES.filter((s) => s !== 'DRAFT'))
      expect(counted[status], status).toBeGreaterThanOrEqual(1);
    expect(data.referralStats.sent).toBeGreaterThanOrEqual(9);
    // The notification events reached the partner's feed.
    await expect
      .poll(
        async () =>
          expectData(
            (
              await gqlWithCookie<InboxData>(stack, cookie, INBOX, {
                org: account('partner').organizationId,
              })
            ).body,
          ).unreadNotificationCount,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
  });

  it('lists where planners work: the sample hospital and jail, by kind', async () => {
    const { body } = await stack.gql<{
      organizations: { nodes: { id: string; name: string; kind: string }[] };
    }>(
      '{ organizations(first: 20, filter: { kinds: [HOSPITAL, JAIL, PRISON] }) { nodes { id name kind } } }',
    );
    const found = expectData(body).organizations.nodes;
    expect(found.map((o) => o.kind).sort()).toEqual(['HOSPITAL', 'JAIL']);
    expect(found.map((o) => o.id)).toContain(account('discharge_planner').organizationId);
  });

  it('gives the demo planner and peer their own referrals, with history and consent', async () => {
    for (const role of ['discharge_planner', 'peer']) {
      const { body } = await gqlWithCookie<MineData>(stack, await signInAs(role), MINE);
      const mine = expectData(body).referrals.nodes;
      expect(mine.length, role).toBeGreaterThanOrEqual(3);
      for (const referral of mine) {
        expect(referral.history.length).toBeGreaterThanOrEqual(1);
        expect(referral.consents.length).toBe(1);
      }
    }
    const { body } = await gqlWithCookie<MineData>(
      stack,
      await signInAs('discharge_planner'),
      MINE,
    );
    const statuses = expectData(body).referrals.nodes.map((r) => r.status);
    expect(statuses).toContain('DRAFT');
    expect(statuses).toContain('COMPLETED');
  });
});
