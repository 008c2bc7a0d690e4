import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../kit/identity';
import {
  consentInput,
  createReferral,
  expectData,
  expectError,
  partnerOf,
  peerUser,
  planner,
  rows,
  useReferrals,
} from './harness';

const api = useReferrals();

const ASSIGN = `mutation($id: ID!, $peer: ID) { assignPeer(referralId: $id, peerId: $peer) {
  id assignedPeerId history { kind detail } } }`;
interface AssignData {
  assignPeer: {
    id: string;
    assignedPeerId: string | null;
    history: { kind: string; detail: string | null }[];
  };
}
const CANCEL = `mutation($id: ID!, $v: Int!) { transitionReferral(id: $id, to: CANCELLED, expectedVersion: $v,
  reasonCode: PERSON_UNAVAILABLE, reason: "Ana R., born 1990-02-01, re-arrested on Friday") { id } }`;
const READ = `query($id: ID!) { referral(id: $id) { id personDisclosed statusReason statusReasonCode
  person { displayName contact } notes { body } history { kind reason reasonCode } } }`;
interface ReadData {
  referral: {
    id: string;
    personDisclosed: boolean;
    statusReason: string | null;
    statusReasonCode: string | null;
    person: { displayName: string; contact: string | null } | null;
    notes: { body: string }[];
    history: { kind: string; reason: string | null; reasonCode: string | null }[];
  };
}
const RECORD = `mutation($id: ID!, $input: ConsentInput!) { recordConsent(referralId: $id, input: $input) {
  id recipientPeerIds includesAssignedPeer } }`;
interface RecordData {
  recordConsent: { id: string; recipientPeerIds: string[]; includesAssignedPeer: boolean };
}

/** A referral sent by a planner, with a consent for the receiving organization and the peer named. */
async function sent(consent: Record<string, unknown> = {}) {
  const listing = await api().listing();
  const referrer = planner(randomUUID());
  const named = api().peers.add();
  const referral = await createReferral(api(), listing, referrer, {
    person: {
      displayName: 'Ana R.',
      contactMethod: 'PHONE',
      contact: '510-555-0199',
      contactAllowed: true,
    },
    notes: 'Ana’s sister is at 12 Elm St.',
    consent: consentInput({ recipientPeerIds: [named], ...consent }),
  });
  return { listing, referrer, referral, named, receiver: partnerOf(listing.organization.id) };
}

const assign = (id: string, peer: string | null, who: Identity) =>
  api().referrals.execute<AssignData>(ASSIGN, { id, peer }, who);
const read = async (id: string, who: Identity) =>
  expectData(await api().referrals.execute<ReadData>(READ, { id }, who)).referral;
const logRows = (id: string) =>
  rows<{ accessor: string; operation: string; disclosed: string[] }>(
    api(),
    'select accessor, operation, disclosed from referral_access where referral_id = ? order by id',
    [id],
  );

describe('assignPeer: only a peer that exists', () => {
  it('refuses an id that is not a peer id, or an injection string, as BAD_USER_INPUT, without asking anyone', async () => {
    const { referrer, referral } = await sent();
    const asked = api().peers.asked.length;
    for (const peer of [
      'no-such-peer',
      "x' or 1=1 --",
      `${randomUUID()}'; drop table referral; --`,
    ]) {
      const error = expectError(await assign(referral.id, peer, referrer), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('peerId');
    }
    expect(api().peers.asked.length).toBe(asked);
    const [row] = await rows<{ assigned_peer_id: string | null; version: number }>(
      api(),
      'select assigned_peer_id, version from referral where id = ?',
      [referral.id],
    );
    expect(row).toEqual({ assigned_peer_id: null, version: 1 });
  });

  it('is NOT_FOUND for a well-formed id the peers subgraph does not know, and changes nothing', async () => {
    const { referrer, referral } = await sent();
    const ghost = randomUUID();
    const error = expectError(await assign(referral.id, ghost, referrer), 'NOT_FOUND');
    expect(error.message).toBe(`Peer "${ghost}" was not found.`);
    expect(api().peers.asked).toContain(ghost);
    expect(await logRows(referral.id)).toEqual([]);
    const [row] = await rows<{ assigned_peer_id: string | null }>(
      api(),
      'select assigned_peer_id from referral where id = ?',
      [referral.id],
    );
    expect(row.assigned_peer_id).toBeNull();
  });

  it('createReferral checks the assigned peer the same way', async () => {
    const listing = await api().listing();
    for (const [peer, code] of [
      ['no-such-peer', 'BAD_USER_INPUT'],
      [randomUUID(), 'BAD_USER_INPUT'],
    ]) {
      const body = await api().referrals.execute(
        `mutation($input: CreateReferralInput!, $key: String!) { createReferral(input: $input, idempotencyKey: $key) { id } }`,
        {
          input: {
            person: { displayName: 'Ana R.', contactMethod: 'IN_PERSON', contactAllowed: true },
            needs: ['emergency-shelter'],
            resourceId: listing.resource.id,
            setting: 'HOSPITAL',
            urgency: 'ROUTINE',
            assignedPeerId: peer,
          },
          key: randomUUID(),
        },
        planner(randomUUID()),
      );
      expect(expectError(body, code).extensions?.field).toBe('assignedPeerId');
    }
  });
});

describe('the consent decides what an assigned peer sees', () => {
  it('a peer the consent names sees the person, their contact and the free text', async () => {
    const { referrer, referral, named } = await sent();
    expectData(await assign(referral.id, named, referrer));
    const seen = await read(referral.id, peerUser(named));
    expect(seen.person).toEqual({ displayName: 'Ana R.', contact: '510-555-0199' });
    expect(seen.notes).toEqual([{ body: 'Ana’s sister is at 12 Elm St.' }]);
  });

  it('a peer outside the consent may be assigned for the work, but sees no name, contact or free text', async () => {
    const { referrer, referral } = await sent();
    const outsider = api().peers.add(randomUUID());
    const assigned = expectData(await assign(referral.id, outsider, referrer)).assignPeer;
    expect(assigned.assignedPeerId).toBe(outsider);
    expectData(await api().referrals.execute(CANCEL, { id: referral.id, v: 2 }, referrer));
    const seen = await read(referral.id, peerUser(outsider));
    expect(seen).toMatchObject({
      id: referral.id,
      personDisclosed: false,
      person: null,
      notes: [],
      statusReason: null,
      statusReasonCode: 'PERSON_UNAVAILABLE',
    });
    expect(seen.history.find((h) => h.kind === 'STATUS_CHANGED')).toEqual({
      kind: 'STATUS_CHANGED',
      reason: null,
      reasonCode: 'PERSON_UNAVAILABLE',
    });
    // The person's own words and numbers (a bare "555" could be part of a random id).
    expect(JSON.stringify(seen)).not.toMatch(/Ana|1990-02-01|re-arrested|Elm St|510-555-0199/);
  });

  it('a consent "for the assigned peer" covers the peer assigned then, not whoever is assigned later', async () => {
    const { referrer, referral, named } = await sent({ recipientPeerIds: null });
    const first = api().peers.add();
    expectData(await assign(referral.id, first, referrer));
    const recorded = expectData(
      await api().referrals.execute<RecordData>(
        RECORD,
        { id: referral.id, input: consentInput({ includesAssignedPeer: true }) },
        referrer,
      ),
    ).recordConsent;
    expect(recorded).toMatchObject({ recipientPeerIds: [first], includesAssignedPeer: true });
    expect((await read(referral.id, peerUser(first))).person?.displayName).toBe('Ana R.');
    const later = api().peers.add();
    expectData(await assign(referral.id, later, referrer));
    expect((await read(referral.id, peerUser(later))).person).toBeNull();
    expect(named).not.toBe(later);
  });

  it('a consent naming the peer’s organization covers them', async () => {
    const agency = randomUUID();
    const { referrer, referral } = await sent({ recipientOrganizationIds: [agency] });
    const colleague = api().peers.add(agency);
    expectData(await assign(referral.id, colleague, referrer));
    expect((await read(referral.id, peerUser(colleague))).person?.displayName).toBe('Ana R.');
  });

  it('a consent naming a peer who does not exist is refused', async () => {
    const listing = await api().listing();
    const referrer = planner(randomUUID());
    const referral = await createReferral(api(), listing, referrer);
    const error = expectError(
      await api().referrals.execute(
        RECORD,
        { id: referral.id, input: consentInput({ recipientPeerIds: [randomUUID()] }) },
        referrer,
      ),
      'BAD_USER_INPUT',
    );
    expect(error.extensions?.field).toBe('recipientPeerIds[0]');
    const unassigned = expectError(
      await api().referrals.execute(
        RECORD,
        { id: referral.id, input: consentInput({ includesAssignedPeer: true }) },
        referrer,
      ),
      'BAD_USER_INPUT',
    );
    expect(unassigned.extensions?.field).toBe('includesAssignedPeer');
  });
});

describe('a change of assignee', () => {
  it('is in the history and in the access log, with what the new peer may now see', async () => {
    const { referrer, receiver, referral, named } = await sent();
    const outsider = api().peers.add();
    expectData(await assign(referral.id, named, referrer));
    expectData(await assign(referral.id, outsider, receiver));
    const done = expectData(await assign(referral.id, null, referrer)).assignPeer;
    expect(done.history.filter((h) => h.kind === 'PEER_ASSIGNED').map((h) => h.detail)).toEqual([
      `peer none → ${named}; the consent covers this peer for IDENTITY, CONTACT, FREE_TEXT, NEEDS`,
      `peer ${named} → ${outsider}; no consent covers this peer: they see nothing of the person`,
      `peer ${outsider} → none`,
    ]);
    expect(await logRows(referral.id)).toEqual([
      {
        accessor: referrer.sub,
        operation: `Mutation.assignPeer in mutation: peer none → ${named}`,
        disclosed: ['PEER_ASSIGNED', 'IDENTITY', 'CONTACT', 'FREE_TEXT', 'NEEDS'],
      },
      {
        accessor: receiver.sub,
        operation: `Mutation.assignPeer in mutation: peer ${named} → ${outsider}`,
        disclosed: ['PEER_ASSIGNED'],
      },
      {
        accessor: referrer.sub,
        operation: `Mutation.assignPeer in mutation: peer ${outsider} → none`,
        disclosed: ['PEER_ASSIGNED'],
      },
    ]);
  });
});
