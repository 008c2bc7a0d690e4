import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../kit/identity';
import {
  admin,
  createReferral,
  expectData,
  expectError,
  partnerOf,
  peerUser,
  planner,
  READ,
  useReferrals,
  type ReadData,
} from './harness';

const api = useReferrals();

const LIST = `query($filter: ReferralFilter, $first: Int, $after: String) {
  referrals(filter: $filter, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
interface ListData {
  referrals: {
    totalCount: number;
    nodes: { id: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename ... on Referral { id status person { displayName } }
  ... on Peer { id caseload activeReferrals { id } }
  ... on Organization { id referralInbox { totalCount nodes { id } } }
} }`;
interface EntitiesData {
  _entities: (
    | { __typename: 'Referral'; id: string; status: string; person: { displayName: string } | null }
    | { __typename: 'Peer'; id: string; caseload: number; activeReferrals: { id: string }[] }
    | {
        __typename: 'Organization';
        id: string;
        referralInbox: { totalCount: number; nodes: { id: string }[] };
      }
    | null
  )[];
}
const ASSIGN = `mutation($id: ID!, $peer: ID) { assignPeer(referralId: $id, peerId: $peer) { id } }`;
interface AssignData {
  assignPeer: { id: string };
}

/** A referral sent by a planner of `hospital`, with a peer assigned. */
async function scene() {
  const listing = await api().listing();
  const hospital = randomUUID();
  const referrer = planner(hospital);
  const referral = await createReferral(api(), listing, referrer);
  const peer = peerUser(api().peers.add());
  expectData(
    await api().referrals.execute<AssignData>(
      ASSIGN,
      { id: referral.id, peer: peer.peer },
      referrer,
    ),
  );
  return { listing, hospital, referrer, referral, peer };
}

describe('who sees a referral', () => {
  it('the referrer, their organization’s planners, the receiving organization, the assigned peer and admins', async () => {
    const { listing, hospital, referrer, referral, peer } = await scene();
    for (const who of [
      referrer,
      planner(hospital),
      partnerOf(listing.organization.id),
      peer,
      admin(),
    ]) {
      expect(
        expectData(await api().referrals.execute<ReadData>(READ, { id: referral.id }, who)).referral
          .id,
        who.roles[0],
      ).toBe(referral.id);
    }
  });

  it('nobody else: NOT_FOUND, exactly as for an id that does not exist', async () => {
    const { listing, referral } = await scene();
    const other = await api().listing();
    const outsiders = [
      planner(randomUUID()),
      planner(null),
      partnerOf(other.organization.id),
      peerUser(),
      partnerOf(randomUUID()),
    ];
    for (const who of outsiders) {
      const error = expectError(
        await api().referrals.execute<ReadData>(READ, { id: referral.id }, who),
        'NOT_FOUND',
      );
      expect(error.message).toBe(`Referral "${referral.id}" was not found.`);
    }
    // Being in the receiving organization is not enough without the partner role.
    expectError(
      await api().referrals.execute(
        READ,
        { id: referral.id },
        { ...planner(listing.organization.id) },
      ),
      'NOT_FOUND',
    );
    expectError(
      await api().referrals.execute<ReadData>(READ, { id: referral.id }, ANONYMOUS),
      'UNAUTHENTICATED',
    );
  });

  it('answers guessed and forged ids with NOT_FOUND, never an error of ours', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "'; drop table referral; --", '0'.repeat(5000)]) {
      expectError(await api().referrals.execute<ReadData>(READ, { id }, admin()), 'NOT_FOUND');
    }
  });

  it('a draft is not shown to the receiving organization until it is sent', async () => {
    const listing = await api().listing();
    const draft = await createReferral(api(), listing, planner(), { draft: true });
    expectError(
      await api().referrals.execute<ReadData>(
        READ,
        { id: draft.id },
        partnerOf(listing.organization.id),
      ),
      'NOT_FOUND',
    );
  });
});

describe('referrals(filter) lists only what the caller may see', () => {
  it('for each caller, exactly their referrals; filters and pages narrow them', async () => {
    const listing = await api().listing();
    const hospital = randomUUID();
    const a = planner(hospital);
    const b = planner(hospital);
    const mine = [
      await createReferral(api(), listing, a, { urgency: 'ROUTINE' }),
      await createReferral(api(), listing, a, { urgency: 'STAT' }),
      await createReferral(api(), listing, b, { urgency: 'STAT', draft: true }),
    ];
    const elsewhere = await createReferral(api(), await api().listing(), planner());
    const list = async (
      who: Parameters<ReturnType<typeof api>['referrals']['execute']>[2],
      vars: Record<string, unknown> = {},
    ) => expectData(await api().referrals.execute<ListData>(LIST, vars, who)).referrals;
    const ids = (page: { nodes: { id: string }[] }) => page.nodes.map((n) => n.id);

    // Newest first; a's colleague b is in the same organization, so b sees a's too.
    expect(ids(await list(b))).toEqual([mine[2].id, mine[1].id, mine[0].id]);
    // The receiving organization sees the two that were sent, not the draft, nor other organizations'.
    expect(ids(await list(partnerOf(listing.organization.id)))).toEqual([mine[1].id, mine[0].id]);
    expect(ids(await list(b, { filter: { urgency: ['STAT'] } }))).toEqual([mine[2].id, mine[1].id]);
    expect(ids(await list(b, { filter: { status: ['DRAFT'] } }))).toEqual([mine[2].id]);
    expect((await list(planner(randomUUID()))).totalCount).toBe(0);
    expect(ids(await list(admin(), { filter: { resourceId: listing.resource.id } }))).not.toContain(
      elsewhere.id,
    );

    const first = await list(b, { first: 2 });
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = await list(b, { first: 2, after: first.pageInfo.endCursor });
    expect(ids(second)).toEqual([mine[0].id]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const forged = expectError(
      await api().referrals.execute<ListData>(LIST, { after: 'bm90LWEtY3Vyc29y' }, b),
      'BAD_USER_INPUT',
    );
    expect(forged.extensions?.field).toBe('after');
    expectError(await api().referrals.execute<ListData>(LIST, {}, ANONYMOUS), 'UNAUTHENTICATED');
  });
});

describe('_entities', () => {
  it('resolves a Referral by its @key for those who may see it, NOT_FOUND for others', async () => {
    const { referral, referrer } = await scene();
    const r = [{ __typename: 'Referral', id: referral.id }];
    const seen = expectData(await api().referrals.execute<EntitiesData>(ENTITIES, { r }, referrer));
    expect(seen._entities).toEqual([
      {
        __typename: 'Referral',
        id: referral.id,
        status: 'REQUESTED',
        person: { displayName: 'Maria G.' },
      },
    ]);
    const hidden = await api().referrals.execute<EntitiesData>(
      ENTITIES,
      { r },
      partnerOf(randomUUID()),
    );
    expect(hidden.data?._entities).toEqual([null]);
    expect(hidden.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const forged = await api().referrals.execute<EntitiesData>(
      ENTITIES,
      { r: [{ __typename: 'Referral', id: 'forged' }] },
      admin(),
    );
    expect(forged.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('resolves a Peer by its @key with the caseload and the open referrals the caller may see', async () => {
    const { listing, referral, peer } = await scene();
    await api().referrals.execute(
      `mutation($id: ID!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: 2) { id } }`,
      { id: referral.id },
      partnerOf(listing.organization.id),
    );
    const r = [{ __typename: 'Peer', id: peer.peer }];
    expect(
      expectData(await api().referrals.execute<EntitiesData>(ENTITIES, { r }, peer))._entities,
    ).toEqual([
      { __typename: 'Peer', id: peer.peer, caseload: 1, activeReferrals: [{ id: referral.id }] },
    ]);
    // Another signed-in user sees the count, not the referrals; anonymous callers see neither.
    expect(
      expectData(await api().referrals.execute<EntitiesData>(ENTITIES, { r }, planner()))._entities,
    ).toEqual([{ __typename: 'Peer', id: peer.peer, caseload: 1, activeReferrals: [] }]);
  });

  it('resolves an Organization by its @key with its inbox, for its partners and admins only', async () => {
    const { listing, referral } = await scene();
    const r = [{ __typename: 'Organization', id: listing.organization.id }];
    expect(
      expectData(
        await api().referrals.execute<EntitiesData>(
          ENTITIES,
          { r },
          partnerOf(listing.organization.id),
        ),
      )._entities,
    ).toEqual([
      {
        __typename: 'Organization',
        id: listing.organization.id,
        referralInbox: { totalCount: 1, nodes: [{ id: referral.id }] },
      },
    ]);
    const other = await api().referrals.execute<EntitiesData>(
      ENTITIES,
      { r },
      partnerOf(randomUUID()),
    );
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
