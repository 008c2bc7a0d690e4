import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity } from '../../kit/identity';
import { Migration20261202080000PeerVisibility } from '../migrations/Migration20261202080000PeerVisibility';
import { LivedExperienceArea } from '../peer/peer.enums';
import {
  admin,
  createPeer,
  expectData,
  expectError,
  partnerOf,
  peerUser,
  planner,
  storedPeer,
  usePeers,
} from './harness';

const api = usePeers();

const PROFILE = `query($id: ID!) { peer(id: $id) {
  livedExperience workContact { phone } workContactVisibility livedExperienceSharing { area visibility }
} }`;
interface ProfileData {
  peer: {
    livedExperience: string[] | null;
    workContact: { phone: string | null } | null;
    workContactVisibility: string | null;
    livedExperienceSharing: { area: string; visibility: string }[] | null;
  };
}
const SET = `mutation($id: ID, $input: PeerVisibilityInput!) {
  setPeerVisibility(id: $id, input: $input) { id livedExperience workContactVisibility }
}`;
interface SetData {
  setPeerVisibility: { id: string; livedExperience: string[]; workContactVisibility: string };
}
const MATCH = `query($input: MatchPeersInput!) { matchPeers(input: $input) {
  peer { id } reasons factors { kind points reason }
} }`;
interface MatchData {
  matchPeers: {
    peer: { id: string };
    reasons: string[];
    factors: { kind: string; points: number; reason: string }[];
  }[];
}

const AREAS = [
  LivedExperienceArea.IMMIGRATION,
  LivedExperienceArea.VETERAN,
  LivedExperienceArea.DOMESTIC_VIOLENCE,
];

async function newPeer(latitude = 37.8044, longitude = -122.2712) {
  const org = randomUUID();
  const peer = await createPeer(api(), {
    organizationId: org,
    livedExperience: AREAS,
    latitude,
    longitude,
  });
  return { peer, org, me: peerUser(peer.id, org) };
}

const profile = async (id: string, identity: Identity) =>
  expectData(await api().execute<ProfileData>(PROFILE, { id }, identity)).peer;
const set = (identity: Identity, input: Record<string, unknown>, id?: string) =>
  api().execute<SetData>(SET, { id, input }, identity);

describe('who sees a peer’s lived experience and work contact', () => {
  it('shows sensitive areas to no one but the peer, and the rest and the contact to their organization, by default', async () => {
    const { peer, org, me } = await newPeer();
    for (const other of [planner(), partnerOf(randomUUID()), peerUser(randomUUID())]) {
      expect(await profile(peer.id, other)).toEqual({
        livedExperience: [],
        workContact: null,
        workContactVisibility: null,
        livedExperienceSharing: null,
      });
    }
    for (const colleague of [partnerOf(org), planner(org), admin()]) {
      expect(await profile(peer.id, colleague)).toMatchObject({
        livedExperience: ['VETERAN'],
        workContact: { phone: '(510) 555-0199' },
      });
    }
    expect(await profile(peer.id, me)).toEqual({
      livedExperience: AREAS,
      workContact: { phone: '(510) 555-0199' },
      workContactVisibility: 'ORGANIZATION_STAFF',
      livedExperienceSharing: [
        { area: 'IMMIGRATION', visibility: 'MATCHING_ONLY' },
        { area: 'VETERAN', visibility: 'ORGANIZATION_STAFF' },
        { area: 'DOMESTIC_VIOLENCE', visibility: 'MATCHING_ONLY' },
      ],
    });
    expect((await profile(peer.id, ANONYMOUS)).livedExperience).toBeNull();
  });

  it('shows an area and the contact to everyone signed in once the peer says so, and hides them again', async () => {
    const { peer, me } = await newPeer();
    const stranger = planner();
    const shown = expectData(
      await set(me, {
        livedExperience: [{ area: 'IMMIGRATION', visibility: 'SIGNED_IN' }],
        workContact: 'SIGNED_IN',
      }),
    ).setPeerVisibility;
    expect(shown).toMatchObject({ id: peer.id, workContactVisibility: 'SIGNED_IN' });
    expect(await profile(peer.id, stranger)).toMatchObject({
      livedExperience: ['IMMIGRATION'],
      workContact: { phone: '(510) 555-0199' },
    });
    expectData(
      await set(me, {
        livedExperience: [{ area: 'IMMIGRATION', visibility: 'ORGANIZATION_STAFF' }],
        workContact: 'ORGANIZATION_STAFF',
      }),
    );
    expect(await profile(peer.id, stranger)).toMatchObject({
      livedExperience: [],
      workContact: null,
    });
  });

  it("lets the peer's organization and admins show things to fewer people, never to more", async () => {
    const { peer, org, me } = await newPeer();
    const partner = partnerOf(org);
    for (const keeper of [partner, admin()]) {
      expectError(
        await set(
          keeper,
          { livedExperience: [{ area: 'VETERAN', visibility: 'SIGNED_IN' }] },
          peer.id,
        ),
        'FORBIDDEN',
      );
      expectError(await set(keeper, { workContact: 'SIGNED_IN' }, peer.id), 'FORBIDDEN');
    }
    // An area the partner cannot see is answered as one the peer does not have.
    const hidden = expectError(
      await set(
        partner,
        { livedExperience: [{ area: 'IMMIGRATION', visibility: 'MATCHING_ONLY' }] },
        peer.id,
      ),
      'BAD_USER_INPUT',
    ).message;
    const absent = expectError(
      await set(
        partner,
        { livedExperience: [{ area: 'LGBTQ', visibility: 'MATCHING_ONLY' }] },
        peer.id,
      ),
      'BAD_USER_INPUT',
    ).message;
    expect(hidden).toBe(absent);
    expectData(
      await set(
        partner,
        { livedExperience: [{ area: 'VETERAN', visibility: 'MATCHING_ONLY' }] },
        peer.id,
      ),
    );
    expect((await profile(peer.id, partner)).livedExperience).toEqual([]);
    // Strangers may not touch it at all.
    expectError(await set(planner(), { workContact: 'ORGANIZATION_STAFF' }, peer.id), 'FORBIDDEN');
    // The peer may widen again.
    expectData(await set(me, { livedExperience: [{ area: 'VETERAN', visibility: 'SIGNED_IN' }] }));
    expect((await profile(peer.id, planner())).livedExperience).toEqual(['VETERAN']);
  });

  it('keeps the areas a partner cannot see when the partner edits the list, with defaults for new ones', async () => {
    const { peer, org, me } = await newPeer();
    const partner = partnerOf(org);
    expectData(
      await api().execute(
        `mutation($id: ID!, $input: PeerProfileInput!) { upsertPeerProfile(id: $id, input: $input) { id } }`,
        { id: peer.id, input: { livedExperience: ['HOMELESSNESS', 'LGBTQ'] } },
        partner,
      ),
    );
    expect((await profile(peer.id, me)).livedExperienceSharing).toEqual([
      { area: 'HOMELESSNESS', visibility: 'ORGANIZATION_STAFF' },
      { area: 'LGBTQ', visibility: 'MATCHING_ONLY' },
      { area: 'IMMIGRATION', visibility: 'MATCHING_ONLY' },
      { area: 'DOMESTIC_VIOLENCE', visibility: 'MATCHING_ONLY' },
    ]);
    expect((await profile(peer.id, partner)).livedExperience).toEqual(['HOMELESSNESS']);
  });

  it('does not find a peer by an area the caller may not see', async () => {
    const { peer, org, me } = await newPeer();
    const query = `query($org: ID!, $areas: [LivedExperienceArea!]) {
      peers(filter: { organizationId: $org, livedExperience: $areas }) { nodes { id } } }`;
    const found = async (identity: Identity, areas: string[]) =>
      expectData(
        await api().execute<{ peers: { nodes: { id: string }[] } }>(
          query,
          { org, areas },
          identity,
        ),
      ).peers.nodes.map((n) => n.id);
    expect(await found(planner(), ['IMMIGRATION'])).toEqual([]);
    expect(await found(planner(), ['VETERAN'])).toEqual([]);
    expect(await found(partnerOf(org), ['VETERAN'])).toEqual([peer.id]);
    expect(await found(partnerOf(org), ['IMMIGRATION'])).toEqual([]);
    expect(await found(me, ['IMMIGRATION'])).toEqual([peer.id]);
    expectData(
      await set(me, { livedExperience: [{ area: 'IMMIGRATION', visibility: 'SIGNED_IN' }] }),
    );
    expect(await found(planner(), ['IMMIGRATION'])).toEqual([peer.id]);
  });

  it('names an area in match reasons only when the reader could see it on the profile', async () => {
    // Bakersfield: no other peer of this file serves there.
    const { peer, org, me } = await newPeer(35.3733, -119.0187);
    const input = {
      near: { latitude: 35.3733, longitude: -119.0187 },
      livedExperience: ['IMMIGRATION', 'VETERAN', 'DOMESTIC_VIOLENCE'],
    };
    const reasonsFor = async (identity: Identity) => {
      const matches = expectData(
        await api().execute<MatchData>(MATCH, { input }, identity),
      ).matchPeers;
      const mine = matches.find((m) => m.peer.id === peer.id)!;
      return mine;
    };
    const stranger = await reasonsFor(planner());
    expect(stranger.reasons.join(' | ')).not.toMatch(/immigration|veteran|domestic/i);
    expect(stranger.factors.filter((f) => f.kind === 'LIVED_EXPERIENCE')).toEqual([
      { kind: 'LIVED_EXPERIENCE', points: 40, reason: 'shares lived experience asked for' },
    ]);
    const colleague = await reasonsFor(partnerOf(org));
    expect(colleague.reasons).toContain('a veteran');
    expect(colleague.reasons.join(' | ')).not.toMatch(/immigration|domestic/i);

    expectData(
      await set(me, { livedExperience: [{ area: 'IMMIGRATION', visibility: 'SIGNED_IN' }] }),
    );
    const after = await reasonsFor(planner());
    expect(after.reasons).toContain('lived experience of immigration');
    expect(after.reasons.join(' | ')).not.toMatch(/veteran|domestic/i);
  });
});

describe('the migration that brought visibility', () => {
  it('writes the defaults out for every area existing peers hold', async () => {
    const { peer } = await newPeer();
    const connection = api().orm.em.getConnection();
    await connection.execute(
      `update peer set lived_experience_visibility = '{}', lived_experience = array[?]::text[] where id = ?`,
      [['IMMIGRATION', 'MENTAL_HEALTH'], peer.id],
    );
    const migration = new Migration20261202080000PeerVisibility(
      api().orm.em.getDriver(),
      api().orm.config,
    );
    migration.up();
    const update = migration
      .getQueries()
      .find((q): q is string => typeof q === 'string' && q.startsWith('update'));
    expect(update).toBeDefined();
    await connection.execute(update!);
    expect((await storedPeer(api(), peer.id))?.lived_experience_visibility).toEqual({
      IMMIGRATION: 'MATCHING_ONLY',
      MENTAL_HEALTH: 'ORGANIZATION_STAFF',
    });
  });
});
