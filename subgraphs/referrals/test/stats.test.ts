import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  admin,
  createReferral,
  expectData,
  expectError,
  partnerOf,
  planner,
  rows,
  TRANSITION,
  useReferrals,
} from './harness';

const api = useReferrals();

const STATS = `query($org: ID, $from: DateTimeISO, $to: DateTimeISO) { referralStats(orgId: $org, from: $from, to: $to) {
  sent accepted rejected completed failed acceptanceRate medianHoursToAcceptance medianHoursToCompletion byStatus { status count } } }`;
interface StatsData {
  referralStats: {
    sent: number;
    accepted: number;
    rejected: number;
    completed: number;
    failed: number;
    acceptanceRate: number | null;
    medianHoursToAcceptance: number | null;
    medianHoursToCompletion: number | null;
    byStatus: { status: string; count: number }[];
  };
}
const RESOURCE_STATS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resource { id referralStats { sent accepted acceptanceRate } } } }`;
interface ResourceStatsData {
  _entities: ({
    id: string;
    referralStats: { sent: number; accepted: number; acceptanceRate: number | null } | null;
  } | null)[];
}

/** Four referrals to one listing: accepted after 2 h and completed after 10 h, accepted after 4 h, rejected, still requested. */
async function history() {
  const listing = await api().listing();
  const receiver = partnerOf(listing.organization.id);
  const referrer = planner();
  const made = [];
  for (let i = 0; i < 4; i += 1) made.push(await createReferral(api(), listing, referrer));
  const move = async (id: string, to: string, v: number, extra: Record<string, unknown> = {}) =>
    expectData(await api().referrals.execute(TRANSITION, { id, to, v, ...extra }, receiver));
  await move(made[0].id, 'ACCEPTED', 1);
  await move(made[0].id, 'COMPLETED', 2, { outcome: { code: 'SERVICE_PROVIDED' } });
  await move(made[1].id, 'ACCEPTED', 1);
  await move(made[2].id, 'REJECTED', 1, { reason: 'No beds', code: 'NO_CAPACITY' });
  // Put the clock where a month of work would have left it.
  const set = (id: string, sql: string) =>
    rows(api(), `update referral set ${sql} where id = ?`, [id]);
  await set(
    made[0].id,
    "requested_at = now() - interval '20 hours', accepted_at = now() - interval '18 hours', closed_at = now() - interval '10 hours'",
  );
  await set(
    made[1].id,
    "requested_at = now() - interval '20 hours', accepted_at = now() - interval '16 hours'",
  );
  return { listing, receiver, made };
}

describe('referralStats', () => {
  it('counts by status, the acceptance rate and the median hours to acceptance and completion', async () => {
    const { listing, receiver } = await history();
    const stats = expectData(
      await api().referrals.execute<StatsData>(STATS, { org: listing.organization.id }, receiver),
    ).referralStats;
    expect(stats).toMatchObject({
      sent: 4,
      accepted: 2,
      rejected: 1,
      completed: 1,
      failed: 0,
      acceptanceRate: 0.6667,
      medianHoursToAcceptance: 3,
      medianHoursToCompletion: 10,
    });
    const byStatus = Object.fromEntries(stats.byStatus.map((s) => [s.status, s.count]));
    expect(byStatus).toMatchObject({
      REQUESTED: 1,
      ACCEPTED: 1,
      COMPLETED: 1,
      REJECTED: 1,
      IN_PROGRESS: 0,
    });
    expect(byStatus.DRAFT).toBeUndefined();
  });

  it('counts only referrals sent within [from, to)', async () => {
    const { listing, receiver } = await history();
    const future = {
      org: listing.organization.id,
      from: new Date(Date.now() + 3_600_000).toISOString(),
      to: new Date(Date.now() + 7_200_000).toISOString(),
    };
    expect(
      expectData(await api().referrals.execute<StatsData>(STATS, future, receiver)).referralStats,
    ).toMatchObject({ sent: 0, acceptanceRate: null, medianHoursToAcceptance: null });
    const backwards = expectError(
      await api().referrals.execute<StatsData>(
        STATS,
        { ...future, to: future.from, from: future.to },
        receiver,
      ),
      'BAD_USER_INPUT',
    );
    expect(backwards.extensions?.field).toBe('from');
  });

  it('is for the organization’s partners and admins (admins also network-wide); FORBIDDEN to others', async () => {
    const { listing } = await history();
    expect(
      expectData(
        await api().referrals.execute<StatsData>(STATS, { org: listing.organization.id }, admin()),
      ).referralStats.sent,
    ).toBe(4);
    expect(
      expectData(await api().referrals.execute<StatsData>(STATS, {}, admin())).referralStats.sent,
    ).toBeGreaterThanOrEqual(4);
    expectError(
      await api().referrals.execute<StatsData>(
        STATS,
        { org: listing.organization.id },
        partnerOf(randomUUID()),
      ),
      'FORBIDDEN',
    );
    expectError(
      await api().referrals.execute<StatsData>(STATS, { org: listing.organization.id }, planner()),
      'FORBIDDEN',
    );
    // Without orgId a partner gets their own organization's numbers, not the network's.
    expect(
      expectData(await api().referrals.execute<StatsData>(STATS, {}, partnerOf(randomUUID())))
        .referralStats.sent,
    ).toBe(0);
  });
});

describe('Resource.referralStats', () => {
  it('gives a listing’s numbers to its organization and admins, null to others, whatever the representation claims', async () => {
    const { listing, receiver } = await history();
    const rep = {
      __typename: 'Resource',
      id: listing.resource.id,
      organization: { id: listing.organization.id },
    };
    const stats = (who: Parameters<ReturnType<typeof api>['referrals']['execute']>[2], r = [rep]) =>
      api()
        .referrals.execute<ResourceStatsData>(RESOURCE_STATS, { r }, who)
        .then((b) => expectData(b)._entities[0]!.referralStats);
    expect(await stats(receiver)).toEqual({ sent: 4, accepted: 2, acceptanceRate: 0.6667 });
    expect(await stats(admin())).toEqual({ sent: 4, accepted: 2, acceptanceRate: 0.6667 });
    expect(await stats(partnerOf(randomUUID()))).toBeNull();
    // A partner who claims the listing is theirs still counts only what was sent to their organization.
    const liar = partnerOf(randomUUID());
    expect(await stats(liar, [{ ...rep, organization: { id: liar.org! } }])).toMatchObject({
      sent: 0,
    });
  });
});
