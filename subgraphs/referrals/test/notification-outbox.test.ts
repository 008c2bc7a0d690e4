import { describe, expect, it } from 'vitest';
import type { Knex } from '@mikro-orm/postgresql';
import { createLogger } from '../../kit/logger';
import { AccessLogService } from '../access-log/access-log.service';
import { createLoaders } from '../loaders';
import { NotificationDispatcher, type NotificationChannel } from '../notification/dispatcher';
import { FeedChannel } from '../notification/feed-channel';
import type { NotificationEventRow } from '../notification/notification-event';
import { ReferralChangeService } from '../referral/referral-change.service';
import { ReferralReadService } from '../referral/referral-read.service';
import { ReferralStatus } from '../referral/referral.enums';
import {
  consentInput,
  createReferral,
  expectData,
  partnerOf,
  planner,
  rows,
  TRANSITION,
  useReferrals,
  type ReferralData,
  type TransitionData,
} from './harness';

// No dispatcher in the subgraph itself: these tests run their own, and count what they deliver.
const api = useReferrals({ dispatcher: false });
const silent = createLogger('test', 'silent');

const NOTE = `mutation($id: ID!, $body: String!) { addReferralNote(referralId: $id, body: $body) { id } }`;
const ASSIGN = `mutation($id: ID!, $peer: ID) { assignPeer(referralId: $id, peerId: $peer) { id } }`;
const REVOKE = `mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`;
const CONSENTS = `query($id: ID!) { referral(id: $id) { consents { id } } }`;
interface ConsentsData {
  referral: { consents: { id: string }[] };
}

async function sent(over: Record<string, unknown> = {}) {
  const listing = await api().listing();
  const referrer = planner();
  const receiver = partnerOf(listing.organization.id);
  const referral = await createReferral(api(), listing, referrer, over);
  const move = async (to: string, extra: Record<string, unknown> = {}, who = receiver) => {
    const [{ version }] = await rows<{ version: number }>(
      api(),
      'select version from referral where id = ?',
      [referral.id],
    );
    return expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        { id: referral.id, to, v: version, ...extra },
        who,
      ),
    ).transitionReferral;
  };
  return { listing, referrer, receiver, referral, move };
}

const types = async (referral: ReferralData) =>
  (
    await rows<{ type: string }>(
      api(),
      'select type from notification_event where referral_id = ? order by id',
      [referral.id],
    )
  ).map((r) => r.type);

const outcome = { code: 'ENROLLED' };

describe('referral events in the same transaction', () => {
  it('writes exactly one event for every kind of change, with ids, type, status and times only', async () => {
    const loop = await sent({ consent: consentInput() });
    await loop.move('ACCEPTED');
    await loop.move('IN_PROGRESS');
    await loop.move('ON_HOLD', { code: 'AWAITING_DOCUMENTS', reason: 'Maria needs her ID' });
    await loop.move('IN_PROGRESS');
    expectData(
      await api().referrals.execute(
        NOTE,
        { id: loop.referral.id, body: 'Maria called' },
        loop.receiver,
      ),
    );
    const peer = api().peers.add(loop.listing.organization.id);
    expectData(
      await api().referrals.execute(ASSIGN, { id: loop.referral.id, peer }, loop.referrer),
    );
    const consents = expectData(
      await api().referrals.execute<ConsentsData>(
        CONSENTS,
        { id: loop.referral.id },
        loop.referrer,
      ),
    ).referral.consents;
    expectData(await api().referrals.execute(REVOKE, { id: consents[0].id }, loop.referrer));
    await loop.move('COMPLETED', { outcome });
    expect(await types(loop.referral)).toEqual([
      'REFERRAL_REQUESTED',
      'REFERRAL_ACCEPTED',
      'REFERRAL_IN_PROGRESS',
      'REFERRAL_ON_HOLD',
      'REFERRAL_IN_PROGRESS',
      'NOTE_ADDED',
      'PEER_ASSIGNED',
      'CONSENT_REVOKED',
      'REFERRAL_COMPLETED',
    ]);

    const declined = await sent();
    await declined.move('REJECTED', { code: 'NO_CAPACITY' });
    expect(await types(declined.referral)).toEqual(['REFERRAL_REQUESTED', 'REFERRAL_REJECTED']);

    const cancelled = await sent();
    await cancelled.move('CANCELLED', { code: 'NO_LONGER_NEEDED' }, cancelled.referrer);
    await cancelled.move('ENTERED_IN_ERROR', {}, cancelled.referrer);
    expect(await types(cancelled.referral)).toEqual([
      'REFERRAL_REQUESTED',
      'REFERRAL_CANCELLED',
      'REFERRAL_ENTERED_IN_ERROR',
    ]);

    const failed = await sent();
    await failed.move('ACCEPTED');
    await failed.move('FAILED', {
      code: 'UNABLE_TO_CONTACT',
      outcome: { code: 'UNABLE_TO_CONTACT' },
    });
    expect(await types(failed.referral)).toEqual([
      'REFERRAL_REQUESTED',
      'REFERRAL_ACCEPTED',
      'REFERRAL_FAILED',
    ]);

    // A draft concerns its author alone; sending it is the request.
    const draft = await sent({ draft: true });
    expect(await types(draft.referral)).toEqual([]);
    await draft.move('REQUESTED', {}, draft.referrer);
    expect(await types(draft.referral)).toEqual(['REFERRAL_REQUESTED']);

    const [event] = await rows<Record<string, unknown>>(
      api(),
      "select * from notification_event where referral_id = ? and type = 'REFERRAL_ON_HOLD'",
      [loop.referral.id],
    );
    expect(event).toEqual({
      id: expect.any(String) as unknown,
      referral_event_id: expect.any(String) as unknown,
      referral_id: loop.referral.id,
      type: 'REFERRAL_ON_HOLD',
      status: 'ON_HOLD',
      occurred_at: expect.any(String) as unknown,
      actor: loop.receiver.sub,
      referrer: loop.referrer.sub,
      referrer_org_id: loop.referrer.org,
      receiving_org_id: loop.listing.organization.id,
      assigned_peer_id: null,
      webhook_endpoint_id: null,
      created_at: expect.any(String) as unknown,
    });
    const all = await rows(api(), 'select * from notification_event where referral_id = ?', [
      loop.referral.id,
    ]);
    expect(JSON.stringify(all)).not.toContain('Maria');
    // The event names the peer assigned at the time, for the feed to tell them.
    const [assigned] = await rows<{ assigned_peer_id: string }>(
      api(),
      "select assigned_peer_id from notification_event where referral_id = ? and type = 'PEER_ASSIGNED'",
      [loop.referral.id],
    );
    expect(assigned.assigned_peer_id).toBe(peer);
  });

  it('writes no event for a change that rolls back, and one delivery per channel for one that commits', async () => {
    const { referral, receiver } = await sent();
    const abort = new Error('the rest of the transaction failed');
    await expect(
      api()
        .referrals.orm.em.fork()
        .transactional(async (em) => {
          const loaders = createLoaders(em);
          const changes = new ReferralChangeService(
            em,
            receiver,
            'rollback-test',
            new ReferralReadService(em, receiver, loaders),
            loaders,
            api().peers,
            new AccessLogService(em, receiver, 'rollback-test', { disclosed: false }),
          );
          await changes.transition(referral.id, ReferralStatus.ACCEPTED, {}, 1, null);
          const [inside] = await em
            .getConnection()
            .execute<{ status: string }[]>(
              'select status from referral where id = ?',
              [referral.id],
              'all',
              em.getTransactionContext(),
            );
          expect(inside.status).toBe('ACCEPTED');
          throw abort;
        }),
    ).rejects.toBe(abort);
    const [stored] = await rows<{ status: string }>(
      api(),
      'select status from referral where id = ?',
      [referral.id],
    );
    expect(stored.status).toBe('REQUESTED');
    expect(await types(referral)).toEqual(['REFERRAL_REQUESTED']);
    const deliveries = await rows<{ channel: string }>(
      api(),
      `select d.channel from notification_delivery d join notification_event e on e.id = d.event_id
        where e.referral_id = ? order by d.channel`,
      [referral.id],
    );
    // One on every channel there is (the feed, email...).
    const channels = await rows<{ name: string }>(
      api(),
      'select name from notification_channel order by name',
    );
    expect(deliveries.map((d) => d.channel)).toEqual(channels.map((c) => c.name));
    expect(deliveries.map((d) => d.channel)).toContain('FEED');
  });
});

/** The feed channel, counting each delivery it makes (these dispatchers deliver the feed only). */
class CountingFeed implements NotificationChannel {
  readonly delivered: string[] = [];
  private readonly feed = new FeedChannel();
  async deliver(event: NotificationEventRow, trx: Knex.Transaction): Promise<void> {
    await this.feed.deliver(event, trx);
    this.delivered.push(event.id);
  }
}

/** Deliveries on the feed still to make (these tests run dispatchers of the feed alone). */
const pending = async () =>
  Number(
    (
      await rows<{ count: string }>(
        api(),
        `select count(*) from notification_delivery where delivered_at is null and channel = 'FEED'`,
      )
    )[0].count,
  );

describe('the notification dispatcher', () => {
  it('delivers each event once on each channel with two dispatchers on one database', async () => {
    const knex = api().referrals.orm.em.getConnection().getKnex();
    const feeds = [new CountingFeed(), new CountingFeed()];
    const dispatchers = feeds.map(
      (feed) => new NotificationDispatcher(knex, { FEED: feed }, silent, { batchSize: 3 }),
    );
    await Promise.all(dispatchers.map((d) => d.drain()));
    feeds.forEach((f) => (f.delivered.length = 0));

    const made = await Promise.all(Array.from({ length: 12 }, () => sent()));
    await Promise.all(made.map((m) => m.move('ACCEPTED')));
    const events = await rows<{ id: string }>(
      api(),
      'select id from notification_event where referral_id = any(?::uuid[])',
      [`{${made.map((m) => m.referral.id).join(',')}}`],
    );
    expect(events).toHaveLength(24);

    await Promise.all(dispatchers.map((d) => d.drain()));
    const delivered = [...feeds[0].delivered, ...feeds[1].delivered];
    expect(delivered.sort()).toEqual(events.map((e) => e.id).sort());
    expect(new Set(delivered).size).toBe(delivered.length);
    // Both took a share (each takes 3 at a time, and neither waits for the other).
    expect(feeds[0].delivered.length).toBeGreaterThan(0);
    expect(feeds[1].delivered.length).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
  });

  it('takes up work a dead process had leased once its lease runs out', async () => {
    const knex = api().referrals.orm.em.getConnection().getKnex();
    const drain = new NotificationDispatcher(knex, { FEED: new FeedChannel() }, silent);
    await drain.drain();
    const { referral } = await sent();

    const dead = new NotificationDispatcher(knex, { FEED: new CountingFeed() }, silent);
    const taken = await dead.claim(300);
    expect(taken.claimed).toHaveLength(1);
    // "Dies" here: never delivers. Another process finds nothing while the lease holds...
    const feed = new CountingFeed();
    const next = new NotificationDispatcher(knex, { FEED: feed }, silent);
    expect(await next.dispatchOnce()).toBe(0);
    // ...and delivers it once the lease has run out.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await next.dispatchOnce()).toBe(1);
    expect(feed.delivered).toHaveLength(1);
    const notified = await rows<{ audience: string }>(
      api(),
      `select n.audience from notification n join notification_event e on e.id = n.event_id
        where e.referral_id = ? order by n.audience`,
      [referral.id],
    );
    expect(notified.map((n) => n.audience)).toEqual(['ORGANIZATION', 'USER']);
    expect(await pending()).toBe(0);
  });

  it('retries a delivery that failed, and never marks it done twice', async () => {
    const knex = api().referrals.orm.em.getConnection().getKnex();
    await new NotificationDispatcher(knex, { FEED: new FeedChannel() }, silent).drain();
    await sent();
    let down = true;
    const flaky: NotificationChannel = {
      deliver: async (event, trx) => {
        if (down) throw new Error('channel down');
        await new FeedChannel().deliver(event, trx);
      },
    };
    const dispatcher = new NotificationDispatcher(knex, { FEED: flaky }, silent, {
      firstRetryMs: 1,
      maxRetryMs: 1,
    });
    expect(await dispatcher.dispatchOnce()).toBe(1);
    const [failed] = await rows<{
      attempts: number;
      last_error: string;
      delivered_at: Date | null;
    }>(
      api(),
      `select attempts, last_error, delivered_at from notification_delivery
        where delivered_at is null and channel = 'FEED'`,
    );
    expect(failed).toEqual({ attempts: 1, last_error: 'channel down', delivered_at: null });
    down = false;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await dispatcher.drain();
    expect(await pending()).toBe(0);
  });
});
