import { describe, expect, it } from 'vitest';
import {
  admin,
  createReferral,
  expectData,
  expectError,
  partnerOf,
  peerUser,
  planner,
  READ,
  rows,
  TRANSITION,
  useReferrals,
  type ReadData,
  type TransitionData,
} from './harness';

const api = useReferrals();

const NOTE = `mutation($id: ID!, $body: String!) { addReferralNote(referralId: $id, body: $body) { id body author authorRole } }`;
interface NoteData {
  addReferralNote: { id: string; body: string; author: string; authorRole: string | null };
}
const ASSIGN = `mutation($id: ID!, $peer: ID, $v: Int) { assignPeer(referralId: $id, peerId: $peer, expectedVersion: $v) {
  id version assignedPeerId assignedPeer { id } history { kind detail } } }`;
interface AssignData {
  assignPeer: {
    id: string;
    version: number;
    assignedPeerId: string | null;
    assignedPeer: { id: string } | null;
    history: { kind: string; detail: string | null }[];
  };
}

async function sent() {
  const listing = await api().listing();
  const referrer = planner();
  const receiver = partnerOf(listing.organization.id);
  const referral = await createReferral(api(), listing, referrer);
  return { listing, referrer, receiver, referral };
}

describe('the closed loop', () => {
  it('goes requested → accepted → in progress → completed with an outcome, each step an event', async () => {
    const { referrer, receiver, referral } = await sent();
    const move = async (to: string, v: number, extra: Record<string, unknown> = {}) =>
      expectData(
        await api().referrals.execute<TransitionData>(
          TRANSITION,
          { id: referral.id, to, v, ...extra },
          receiver,
        ),
      ).transitionReferral;
    expect(await move('ACCEPTED', 1)).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(await move('IN_PROGRESS', 2)).toMatchObject({ status: 'IN_PROGRESS', version: 3 });
    const done = await move('COMPLETED', 3, {
      outcome: { code: 'ENROLLED', note: 'Bed 12 tonight' },
    });
    // No consent covers the receiving organization: the outcome's code, not its words.
    expect(done).toMatchObject({
      status: 'COMPLETED',
      version: 4,
      outcome: { code: 'ENROLLED', note: null },
      allowedTransitions: [],
    });
    const seen = expectData(
      await api().referrals.execute<ReadData>(READ, { id: referral.id }, referrer),
    ).referral;
    expect(seen.outcome).toEqual({ code: 'ENROLLED', note: 'Bed 12 tonight' });
    expect(done.acceptedAt).toBeTruthy();
    expect(done.closedAt).toBeTruthy();
    expect(done.history).toEqual([
      {
        kind: 'CREATED',
        actor: referrer.sub,
        actorRole: 'discharge_planner',
        from: null,
        to: 'REQUESTED',
        reason: null,
        reasonCode: null,
        detail: null,
      },
      {
        kind: 'STATUS_CHANGED',
        actor: receiver.sub,
        actorRole: 'partner',
        from: 'REQUESTED',
        to: 'ACCEPTED',
        reason: null,
        reasonCode: null,
        detail: null,
      },
      {
        kind: 'STATUS_CHANGED',
        actor: receiver.sub,
        actorRole: 'partner',
        from: 'ACCEPTED',
        to: 'IN_PROGRESS',
        reason: null,
        reasonCode: null,
        detail: null,
      },
      {
        kind: 'STATUS_CHANGED',
        actor: receiver.sub,
        actorRole: 'partner',
        from: 'IN_PROGRESS',
        to: 'COMPLETED',
        reason: null,
        reasonCode: null,
        detail: null,
      },
    ]);
  });

  it('lets the referrer cancel with a reason, and mark it entered in error afterwards', async () => {
    const { referrer, referral } = await sent();
    const cancelled = expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        {
          id: referral.id,
          to: 'CANCELLED',
          v: 1,
          reason: 'Family took her home',
          code: 'NO_LONGER_NEEDED',
        },
        referrer,
      ),
    ).transitionReferral;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', statusReason: 'Family took her home' });
    const error = expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        { id: referral.id, to: 'ENTERED_IN_ERROR', v: 2 },
        referrer,
      ),
    );
    expect(error.transitionReferral.status).toBe('ENTERED_IN_ERROR');
  });
});

describe('only legal transitions, by the side allowed to make them', () => {
  it('is FORBIDDEN for the referrer to accept, or the receiver to cancel; nothing changes', async () => {
    const { referrer, receiver, referral } = await sent();
    expectError(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'ACCEPTED', v: 1 },
        referrer,
      ),
      'FORBIDDEN',
    );
    expectError(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'CANCELLED', v: 1, reason: 'no', code: 'OTHER' },
        receiver,
      ),
      'FORBIDDEN',
    );
    const [row] = await rows(api(), 'select status, version from referral where id = ?', [
      referral.id,
    ]);
    expect(row).toEqual({ status: 'REQUESTED', version: 1 });
  });

  it('refuses an illegal transition naming `to`, and a missing reason code naming `reasonCode`', async () => {
    const { receiver, referral } = await sent();
    const illegal = expectError(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'IN_PROGRESS', v: 1 },
        receiver,
      ),
      'BAD_USER_INPUT',
    );
    expect(illegal.extensions?.field).toBe('to');
    expect(illegal.message).toMatch(/cannot become in progress/);
    const reason = expectError(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'REJECTED', v: 1 },
        receiver,
      ),
      'BAD_USER_INPUT',
    );
    expect(reason.extensions?.field).toBe('reasonCode');
    // Words alone are not a reason everyone working it may see: the code is what is required.
    const wordsOnly = expectError(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'REJECTED', v: 1, reason: 'no beds' },
        receiver,
      ),
      'BAD_USER_INPUT',
    );
    expect(wordsOnly.extensions?.field).toBe('reasonCode');
    const outcome = expectError(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'ACCEPTED', v: 1, outcome: { code: 'OTHER' } },
        receiver,
      ),
      'BAD_USER_INPUT',
    );
    expect(outcome.extensions?.field).toBe('outcome');
  });

  it('a peer assigned to the referral sees it but cannot move it', async () => {
    const { referrer, referral } = await sent();
    const peer = peerUser(api().peers.add());
    expectData(
      await api().referrals.execute(ASSIGN, { id: referral.id, peer: peer.peer }, referrer),
    );
    expectError(
      await api().referrals.execute(TRANSITION, { id: referral.id, to: 'ACCEPTED', v: 2 }, peer),
      'FORBIDDEN',
    );
  });

  it('admins may make either side’s moves', async () => {
    const { referral } = await sent();
    const root = admin();
    expectData(
      await api().referrals.execute(TRANSITION, { id: referral.id, to: 'ACCEPTED', v: 1 }, root),
    );
    expectData(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'CANCELLED', v: 2, reason: 'duplicate', code: 'DUPLICATE' },
        root,
      ),
    );
  });
});

describe('optimistic versions', () => {
  it('a stale expectedVersion is a CONFLICT carrying the current version, and the first change is kept', async () => {
    const { receiver, referral } = await sent();
    expectData(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'ACCEPTED', v: 1 },
        receiver,
      ),
    );
    const stale = expectError(
      await api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'REJECTED', v: 1, reason: 'full', code: 'NO_CAPACITY' },
        receiver,
      ),
      'CONFLICT',
    );
    expect(stale.extensions?.currentVersion).toBe(2);
    const [row] = await rows(api(), 'select status, version from referral where id = ?', [
      referral.id,
    ]);
    expect(row).toEqual({ status: 'ACCEPTED', version: 2 });
  });

  it('of two concurrent changes from the same version, exactly one wins; the other is a CONFLICT', async () => {
    const { receiver, referral } = await sent();
    const [a, b] = await Promise.all([
      api().referrals.execute(TRANSITION, { id: referral.id, to: 'ACCEPTED', v: 1 }, receiver),
      api().referrals.execute(
        TRANSITION,
        { id: referral.id, to: 'REJECTED', v: 1, reason: 'no beds', code: 'NO_CAPACITY' },
        receiver,
      ),
    ]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const events = await rows(
      api(),
      "select count(*)::int as n from referral_event where referral_id = ? and kind = 'STATUS_CHANGED'",
      [referral.id],
    );
    expect(events[0].n).toBe(1);
  });
});

describe('notes and peers', () => {
  it('adds notes from either side without changing the version; refuses a 10,000-character note', async () => {
    const { referrer, receiver, referral } = await sent();
    expectData(
      await api().referrals.execute<NoteData>(
        NOTE,
        { id: referral.id, body: 'Bed held until 5pm' },
        receiver,
      ),
    );
    const long = expectError(
      await api().referrals.execute(NOTE, { id: referral.id, body: 'x'.repeat(10_000) }, referrer),
      'BAD_USER_INPUT',
    );
    expect(long.extensions?.field).toBe('body');
    const read = expectData(
      await api().referrals.execute<ReadData>(READ, { id: referral.id }, referrer),
    ).referral;
    expect(read.version).toBe(1);
    expect(read.history.map((h) => h.kind)).toEqual(['CREATED', 'NOTE_ADDED']);
  });

  it('assigns and removes a peer, as events, with the version checked', async () => {
    const { receiver, referral } = await sent();
    const [p42, p43] = [api().peers.add(), api().peers.add()];
    const assigned = expectData(
      await api().referrals.execute<AssignData>(
        ASSIGN,
        { id: referral.id, peer: p42, v: 1 },
        receiver,
      ),
    ).assignPeer;
    expect(assigned).toMatchObject({
      version: 2,
      assignedPeerId: p42,
      assignedPeer: { id: p42 },
    });
    expectError(
      await api().referrals.execute(ASSIGN, { id: referral.id, peer: p43, v: 1 }, receiver),
      'CONFLICT',
    );
    const removed = expectData(
      await api().referrals.execute<AssignData>(
        ASSIGN,
        { id: referral.id, peer: null, v: 2 },
        receiver,
      ),
    ).assignPeer;
    expect(removed).toMatchObject({ assignedPeerId: null, assignedPeer: null });
    expect(removed.history.filter((h) => h.kind === 'PEER_ASSIGNED').map((h) => h.detail)).toEqual([
      `peer none → ${p42}; no consent covers this peer: they see nothing of the person`,
      `peer ${p42} → none`,
    ]);
  });

  it('an assigned peer may not assign another', async () => {
    const { referrer, referral } = await sent();
    const peer = peerUser(api().peers.add());
    expectData(
      await api().referrals.execute(ASSIGN, { id: referral.id, peer: peer.peer }, referrer),
    );
    expectError(
      await api().referrals.execute(ASSIGN, { id: referral.id, peer: 'peer-other' }, peer),
      'FORBIDDEN',
    );
  });
});
