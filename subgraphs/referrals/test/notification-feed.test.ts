import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  createReferral,
  expectData,
  expectError,
  partnerOf,
  peerUser,
  planner,
  TRANSITION,
  useReferrals,
  type TransitionData,
} from './harness';

// The subgraph's own dispatcher delivers, woken by the trigger's NOTIFY, as in production.
const api = useReferrals();

const FEED = `query($first: Int, $after: String) { notifications(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id type referralId status occurredAt message link read } } unreadNotificationCount }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const ASSIGN = `mutation($id: ID!, $peer: ID) { assignPeer(referralId: $id, peerId: $peer) { id } }`;

interface FeedData {
  notifications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      id: string;
      type: string;
      referralId: string;
      status: string;
      occurredAt: string;
      message: string;
      link: string;
      read: boolean;
    }[];
  };
  unreadNotificationCount: number;
}
interface MarkData {
  markNotificationsRead: number;
}

type Who = Parameters<ReturnType<typeof api>['referrals']['execute']>[2];

async function feed(who: Who, first?: number, after?: string | null) {
  return expectData(await api().referrals.execute<FeedData>(FEED, { first, after }, who));
}

/** Waits until the dispatcher has delivered to the feed everything written so far. */
async function delivered() {
  await vi.waitFor(
    async () => {
      const [row] = await api()
        .referrals.orm.em.fork()
        .getConnection()
        .execute<{ count: string }[]>(
          `select count(*) from notification_delivery where delivered_at is null and channel = 'FEED'`,
        );
      expect(Number(row.count)).toBe(0);
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe('the in-app feed', () => {
  it('tells the receiving organization of a new referral and the referrer of its answer, linking to it and naming no one', async () => {
    const listing = await api().listing();
    const referrer = planner();
    const receiver = partnerOf(listing.organization.id);
    const colleague = partnerOf(listing.organization.id);
    const stranger = partnerOf(randomUUID());
    const referral = await createReferral(api(), listing, referrer);
    await delivered();

    const inbox = await feed(receiver);
    expect(inbox.notifications.nodes).toEqual([
      {
        id: expect.any(String) as unknown,
        type: 'REFERRAL_REQUESTED',
        referralId: referral.id,
        status: 'REQUESTED',
        occurredAt: expect.any(String) as unknown,
        message: 'A referral was sent',
        link: `/inbox?referral=${referral.id}`,
        read: false,
      },
    ]);
    expect(inbox.unreadNotificationCount).toBe(1);
    // Their own change is not news to the referrer; another organization hears nothing.
    expect((await feed(referrer)).notifications.nodes).toEqual([]);
    expect((await feed(stranger)).notifications.totalCount).toBe(0);

    expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        { id: referral.id, to: 'ACCEPTED', v: 1 },
        receiver,
      ),
    );
    await delivered();
    const told = await feed(referrer);
    expect(told.notifications.nodes).toEqual([
      expect.objectContaining({
        type: 'REFERRAL_ACCEPTED',
        status: 'ACCEPTED',
        link: `/referrals/${referral.id}`,
        message: 'A referral was accepted',
      }) as unknown,
    ]);
    expect(JSON.stringify(told)).not.toMatch(/Maria|555 0100|emergency/);
    // A colleague at the receiving organization sees both (the acceptance was another person's
    // change), and reads are each person's own.
    const shared = await feed(colleague);
    expect(shared.notifications.nodes.map((n) => n.type)).toEqual([
      'REFERRAL_ACCEPTED',
      'REFERRAL_REQUESTED',
    ]);
    const marked = expectData(
      await api().referrals.execute<MarkData>(
        MARK,
        { ids: [inbox.notifications.nodes[0].id] },
        receiver,
      ),
    );
    expect(marked.markNotificationsRead).toBe(1);
    const after = await feed(receiver);
    expect(after.unreadNotificationCount).toBe(0);
    expect(after.notifications.nodes[0].read).toBe(true);
    expect((await feed(colleague)).unreadNotificationCount).toBe(2);
    // Marking again, or someone else's notification, marks nothing.
    const again = expectData(
      await api().referrals.execute<MarkData>(
        MARK,
        { ids: [inbox.notifications.nodes[0].id, told.notifications.nodes[0].id] },
        receiver,
      ),
    );
    expect(again.markNotificationsRead).toBe(0);
    expect((await feed(referrer)).unreadNotificationCount).toBe(1);
  });

  it('tells the peer assigned, and pages newest first', async () => {
    const listing = await api().listing();
    const referrer = planner();
    const peerId = api().peers.add(listing.organization.id);
    const peer = peerUser(peerId);
    const referral = await createReferral(api(), listing, referrer);
    expectData(await api().referrals.execute(ASSIGN, { id: referral.id, peer: peerId }, referrer));
    const receiver = partnerOf(listing.organization.id);
    expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        { id: referral.id, to: 'ACCEPTED', v: 2 },
        receiver,
      ),
    );
    await delivered();
    const first = await feed(peer, 1);
    expect(first.notifications.totalCount).toBe(2);
    expect(first.notifications.nodes.map((n) => n.type)).toEqual(['REFERRAL_ACCEPTED']);
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const next = await feed(peer, 1, first.notifications.pageInfo.endCursor);
    expect(next.notifications.nodes.map((n) => [n.type, n.link])).toEqual([
      ['PEER_ASSIGNED', `/referrals/${referral.id}`],
    ]);
    expect(next.notifications.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses the anonymous, bad ids and bad cursors with a code', async () => {
    expectError(await api().referrals.execute(FEED, {}), 'UNAUTHENTICATED');
    const who = planner();
    expectError(await api().referrals.execute(MARK, { ids: ['not-an-id'] }, who), 'BAD_USER_INPUT');
    expectError(await api().referrals.execute(FEED, { after: 'garbage' }, who), 'BAD_USER_INPUT');
    expectError(await api().referrals.execute(FEED, { first: 0 }, who), 'BAD_USER_INPUT');
  });
});
