import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_TARGET, referralDeadlines } from '../clock/business-hours';
import type { ReferralsServices } from '../services';
import {
  admin,
  createReferral,
  expectData,
  expectError,
  inDays,
  partnerOf,
  planner,
  rows,
  TRANSITION,
  useReferrals,
  type TransitionData,
} from './harness';

/** The clock the subgraph reads: moved by the tests. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

// No dispatcher and no periodic sweep: these tests sweep themselves, at the times they choose.
const api = useReferrals({ dispatcher: false, sweepMs: false, clock });
const services = () => api().referrals.services as ReferralsServices;

const CLOCK_FIELDS = `query($id: ID!) { referral(id: $id) { status requestedAt respondBy overdue } }`;
interface ClockData {
  referral: { status: string; requestedAt: string; respondBy: string | null; overdue: boolean };
}
const STATS = `query($org: ID) { referralStats(orgId: $org) { sent overdue answeredWithinTarget
  hoursToAccept { p50 p90 } hoursToClose { p50 p90 } } }`;
interface StatsData {
  referralStats: {
    sent: number;
    overdue: number;
    answeredWithinTarget: number | null;
    hoursToAccept: { p50: number | null; p90: number | null };
    hoursToClose: { p50: number | null; p90: number | null };
  };
}

const clockEvents = async (referralId: string) =>
  (
    await rows<{ type: string; actor: string }>(
      api(),
      `select type, actor from notification_event
        where referral_id = ? and referral_event_id is null order by id`,
      [referralId],
    )
  ).map((r) => r.type);

describe('the referral clock', () => {
  it('reminds the organization at half the target, then marks the referral overdue, each once', async () => {
    offsetMs = 0;
    const listing = await api().listing();
    const referrer = planner();
    const referral = await createReferral(api(), listing, referrer, {
      expectedDischargeAt: inDays(30),
    });
    const read = async () =>
      expectData(
        await api().referrals.execute<ClockData>(CLOCK_FIELDS, { id: referral.id }, referrer),
      ).referral;
    const before = await read();
    const { remindAt, respondBy } = referralDeadlines(
      new Date(before.requestedAt),
      DEFAULT_RESPONSE_TARGET,
    );
    expect(before.respondBy).toBe(respondBy.toISOString());
    expect(before.overdue).toBe(false);

    await services().clockSweep.sweepOnce();
    expect(await clockEvents(referral.id)).toEqual([]);

    offsetMs = remindAt.getTime() - Date.now() + 1000;
    await services().clockSweep.sweepOnce();
    await services().clockSweep.sweepOnce();
    expect(await clockEvents(referral.id)).toEqual(['REFERRAL_RESPONSE_DUE']);
    expect((await read()).overdue).toBe(false);

    offsetMs = respondBy.getTime() - Date.now() + 1000;
    // Several processes sweeping at once: one holds the lock, the events are written once.
    await Promise.all([1, 2, 3].map(() => services().clockSweep.sweepOnce()));
    expect(await clockEvents(referral.id)).toEqual(['REFERRAL_RESPONSE_DUE', 'REFERRAL_OVERDUE']);
    expect(await read()).toMatchObject({ overdue: true, respondBy: respondBy.toISOString() });
    // Each clock event has a delivery on every channel, like a change's.
    const deliveries = await rows<{ channel: string }>(
      api(),
      `select d.channel from notification_delivery d join notification_event e on e.id = d.event_id
        where e.referral_id = ? and e.type = 'REFERRAL_OVERDUE' order by d.channel`,
      [referral.id],
    );
    // Every channel (the webhook channel finds no endpoint of this organization and sends nothing).
    expect(deliveries.map((d) => d.channel)).toEqual(['EMAIL', 'FEED', 'WEBHOOK']);

    const stats = expectData(
      await api().referrals.execute<StatsData>(
        STATS,
        { org: listing.organization.id },
        partnerOf(listing.organization.id),
      ),
    ).referralStats;
    expect(stats).toMatchObject({ sent: 1, overdue: 1, answeredWithinTarget: 0 });
  });

  it('sends an urgent notice once when discharge is within 24 hours and it is not accepted', async () => {
    offsetMs = 0;
    const listing = await api().listing();
    const referral = await createReferral(api(), listing, planner(), {
      expectedDischargeAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
    });
    const accepted = await createReferral(api(), listing, planner(), {
      expectedDischargeAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
    });
    expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        { id: accepted.id, to: 'ACCEPTED', v: accepted.version },
        partnerOf(listing.organization.id),
      ),
    );
    await services().clockSweep.sweepOnce();
    await services().clockSweep.sweepOnce();
    expect(await clockEvents(referral.id)).toEqual(['REFERRAL_DISCHARGE_URGENT']);
    expect(await clockEvents(accepted.id)).toEqual([]);
  });

  it('reports time to accept and close, and the share answered within target', async () => {
    offsetMs = 0;
    const listing = await api().listing();
    const partner = partnerOf(listing.organization.id);
    const quick = await createReferral(api(), listing, planner(), {
      expectedDischargeAt: inDays(30),
    });
    const declined = await createReferral(api(), listing, planner(), {
      expectedDischargeAt: inDays(30),
    });
    const moved = expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        { id: quick.id, to: 'ACCEPTED', v: quick.version },
        partner,
      ),
    ).transitionReferral;
    expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        { id: quick.id, to: 'COMPLETED', v: moved.version, outcome: { code: 'ENROLLED' } },
        partner,
      ),
    );
    expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        {
          id: declined.id,
          to: 'REJECTED',
          v: declined.version,
          reason: 'No beds',
          code: 'NO_CAPACITY',
        },
        partner,
      ),
    );
    await services().clockSweep.sweepOnce();
    const stats = expectData(
      await api().referrals.execute<StatsData>(STATS, { org: listing.organization.id }, admin()),
    ).referralStats;
    expect(stats.sent).toBe(2);
    expect(stats.overdue).toBe(0);
    expect(stats.answeredWithinTarget).toBe(1);
    expect(stats.hoursToAccept.p50).not.toBeNull();
    expect(stats.hoursToAccept.p50).toBeLessThan(1);
    expect(stats.hoursToClose.p90).not.toBeNull();
  });

  it('lets an organization set its own target and refuses bad ones by field', async () => {
    offsetMs = 0;
    const listing = await api().listing();
    const org = listing.organization.id;
    const SET = `mutation($org: ID!, $input: ResponseTargetInput!) {
      setResponseTarget(organizationId: $org, input: $input) { targetBusinessDays timeZone opensAt closesAt days } }`;
    const input = {
      targetBusinessDays: 1,
      timeZone: 'America/New_York',
      opensAt: '08:00',
      closesAt: '16:30',
      days: [1, 2, 3, 4, 5, 6],
    };
    const set = await api().referrals.execute(SET, { org, input }, partnerOf(org));
    expect(expectData(set)).toEqual({ setResponseTarget: input });
    expectError(
      await api().referrals.execute(
        SET,
        { org, input: { ...input, timeZone: 'Mars/Base' } },
        partnerOf(org),
      ),
      'BAD_USER_INPUT',
    );
    expectError(
      await api().referrals.execute(
        SET,
        { org, input: { ...input, closesAt: '07:00' } },
        partnerOf(org),
      ),
      'BAD_USER_INPUT',
    );
    expectError(
      await api().referrals.execute(SET, { org, input }, partnerOf(randomUUID())),
      'FORBIDDEN',
    );
    // A referral sent now is due one business day later in New York hours.
    const referral = await createReferral(api(), listing, planner(), {
      expectedDischargeAt: inDays(30),
    });
    const read = expectData(
      await api().referrals.execute<ClockData>(CLOCK_FIELDS, { id: referral.id }, admin()),
    ).referral;
    const { respondBy } = referralDeadlines(new Date(read.requestedAt), {
      targetBusinessDays: 1,
      timeZone: 'America/New_York',
      opensMinute: 480,
      closesMinute: 990,
      days: [1, 2, 3, 4, 5, 6],
    });
    expect(read.respondBy).toBe(respondBy.toISOString());
  });
});
