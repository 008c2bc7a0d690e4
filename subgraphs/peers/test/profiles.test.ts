import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity } from '../../kit/identity';
import { LivedExperienceArea, PeerSpecialization } from '../peer/peer.enums';
import {
  admin,
  createPeer,
  daysFromToday,
  expectData,
  expectError,
  medicalCertification,
  partnerOf,
  peerUser,
  planner,
  storedPeer,
  usePeers,
} from './harness';

const api = usePeers();

const UPSERT = `mutation($id: ID, $v: Int, $input: PeerProfileInput!) {
  upsertPeerProfile(id: $id, expectedVersion: $v, input: $input) {
    id displayName pronouns version organization { id } languages caseloadCapacity currentCaseload openPlaces
  }
}`;
interface UpsertData {
  upsertPeerProfile: {
    id: string;
    displayName: string;
    pronouns: string | null;
    version: number;
    organization: { id: string } | null;
    languages: string[];
    caseloadCapacity: number | null;
    currentCaseload: number | null;
    openPlaces: number | null;
  };
}

const PROFILE = `query($id: ID!) { peer(id: $id) {
  id displayName pronouns organization { id } languages availability specializations
  certifications { type name number issuedOn expiresOn expired specializations }
  livedExperience serviceArea { latitude longitude radiusKm counties }
  workContact { phone email } caseloadCapacity currentCaseload openPlaces
} }`;
interface ProfileCertification {
  type: string;
  name: string;
  number: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  expired: boolean;
  specializations: string[];
}
interface ProfileData {
  peer: {
    id: string;
    displayName: string;
    pronouns: string | null;
    organization: { id: string } | null;
    languages: string[];
    availability: string;
    specializations: string[];
    certifications: ProfileCertification[];
    livedExperience: string[] | null;
    serviceArea: {
      latitude: number | null;
      longitude: number | null;
      radiusKm: number | null;
      counties: string[];
    } | null;
    workContact: { phone: string | null; email: string | null } | null;
    caseloadCapacity: number | null;
    currentCaseload: number | null;
    openPlaces: number | null;
  };
}

const NEW_PROFILE = {
  displayName: 'Rosa Martínez',
  pronouns: 'she/her',
  languages: ['en', 'es'],
  livedExperience: ['JUSTICE_INVOLVEMENT', 'SUBSTANCE_USE'],
  serviceArea: { latitude: 37.7749, longitude: -122.2241, radiusKm: 15 },
  caseloadCapacity: 15,
  currentCaseload: 4,
  workContact: { phone: '(510) 555-0142', email: 'rosa@peers.example.org' },
};

const upsert = (identity: Identity, input: Record<string, unknown>, id?: string, v?: number) =>
  api().execute<UpsertData>(UPSERT, { id, v, input }, identity);

describe("a peer's languages", () => {
  it('takes every ISO 639-1 and 639-3 code, Hmong too, one code per language', async () => {
    const peerId = randomUUID();
    const me = peerUser(peerId, randomUUID());
    const created = expectData(
      await upsert(me, {
        ...NEW_PROFILE,
        displayName: 'Pa Houa Vang',
        languages: ['en', 'hmn', 'spa'],
      }),
    ).upsertPeerProfile;
    expect(created.languages).toEqual(['en', 'hmn', 'es']);
    const unknown = expectError(
      await upsert(me, { languages: ['xx'] }, peerId, 1),
      'BAD_USER_INPUT',
    );
    expect(unknown.extensions?.field).toBe('languages');
  });
});

describe('upsertPeerProfile: who may edit which profile', () => {
  it('lets a peer create and then edit their own profile, by the id in their sign-in', async () => {
    const peerId = randomUUID();
    const org = randomUUID();
    const me = peerUser(peerId, org);
    const created = expectData(await upsert(me, NEW_PROFILE)).upsertPeerProfile;
    expect(created).toMatchObject({
      id: peerId,
      displayName: 'Rosa Martínez',
      version: 1,
      organization: { id: org },
      openPlaces: 11,
    });
    const edited = expectData(
      await upsert(me, { currentCaseload: 15, pronouns: 'she/they' }, undefined, 1),
    ).upsertPeerProfile;
    expect(edited).toMatchObject({
      id: peerId,
      pronouns: 'she/they',
      currentCaseload: 15,
      openPlaces: 0,
      version: 2,
    });
    expect((await storedPeer(api(), peerId)).caseload_updated_at).not.toBeNull();
  });

  it("refuses a peer editing another peer's profile, and a peer naming another organization", async () => {
    const other = await createPeer(api());
    const me = peerUser(randomUUID(), randomUUID());
    expectError(await upsert(me, { displayName: 'Taken over' }, other.id), 'FORBIDDEN');
    expectError(await upsert(me, { ...NEW_PROFILE, organizationId: randomUUID() }), 'FORBIDDEN');
    expect((await storedPeer(api(), other.id)).display_name).toBe(other.displayName);
  });

  it("lets partners keep their own organization's peers, and no one else's", async () => {
    const org = randomUUID();
    const peer = await createPeer(api(), { organizationId: org });
    const mine = partnerOf(org);
    expect(
      expectData(await upsert(mine, { availability: 'LIMITED' }, peer.id)).upsertPeerProfile
        .version,
    ).toBe(2);
    expectError(
      await upsert(partnerOf(randomUUID()), { availability: 'UNAVAILABLE' }, peer.id),
      'FORBIDDEN',
    );
    expect((await storedPeer(api(), peer.id)).availability).toBe('LIMITED');

    // A partner onboards a new peer: into their own organization only.
    const onboarded = expectData(await upsert(mine, NEW_PROFILE)).upsertPeerProfile;
    expect(onboarded.organization).toEqual({ id: org });
    expectError(await upsert(mine, { ...NEW_PROFILE, organizationId: randomUUID() }), 'FORBIDDEN');
  });

  it('lets only admins move a peer to another organization', async () => {
    const org = randomUUID();
    const peer = await createPeer(api(), { organizationId: org });
    expectError(
      await upsert(partnerOf(org), { organizationId: randomUUID() }, peer.id),
      'FORBIDDEN',
    );
    const elsewhere = randomUUID();
    expect(
      expectData(await upsert(admin(), { organizationId: elsewhere }, peer.id)).upsertPeerProfile
        .organization,
    ).toEqual({ id: elsewhere });
  });

  it('refuses discharge planners and anonymous callers', async () => {
    const peer = await createPeer(api());
    expectError(await upsert(planner(), { displayName: 'x' }, peer.id), 'FORBIDDEN');
    expectError(await upsert(planner(), NEW_PROFILE), 'FORBIDDEN');
    expectError(await upsert(ANONYMOUS, { displayName: 'x' }, peer.id), 'UNAUTHENTICATED');
  });

  it('answers CONFLICT to a stale expectedVersion instead of overwriting', async () => {
    const peer = await createPeer(api());
    expect(
      expectData(await upsert(admin(), { displayName: 'First edit' }, peer.id, 1)).upsertPeerProfile
        .version,
    ).toBe(2);
    const error = expectError(
      await upsert(admin(), { displayName: 'Stale edit' }, peer.id, 1),
      'CONFLICT',
    );
    expect(error.extensions).toMatchObject({ currentVersion: 2 });
    expect((await storedPeer(api(), peer.id)).display_name).toBe('First edit');
  });

  it('requires a name and a caseload capacity for a new profile', async () => {
    const { displayName: _name, ...noName } = NEW_PROFILE;
    expect(expectError(await upsert(admin(), noName), 'BAD_USER_INPUT').message).toMatch(
      /displayName/,
    );
    const { caseloadCapacity: _capacity, ...noCapacity } = NEW_PROFILE;
    expect(expectError(await upsert(admin(), noCapacity), 'BAD_USER_INPUT').message).toMatch(
      /caseloadCapacity/,
    );
  });
});

describe('what anonymous callers and staff see', () => {
  it('hides contact details, lived experience, service area, caseload and certificate numbers from anonymous callers; contact and lived experience from other organizations', async () => {
    const peer = await createPeer(api(), {
      livedExperience: [LivedExperienceArea.HOMELESSNESS],
      certifications: [medicalCertification(daysFromToday(200), PeerSpecialization.UNHOUSED)],
    });
    const anonymous = expectData(
      await api().execute<ProfileData>(PROFILE, { id: peer.id }, ANONYMOUS),
    ).peer;
    expect(anonymous).toMatchObject({
      displayName: peer.displayName,
      languages: ['en'],
      specializations: ['UNHOUSED'],
      workContact: null,
      livedExperience: null,
      serviceArea: null,
      caseloadCapacity: null,
      currentCaseload: null,
      openPlaces: null,
    });
    expect(anonymous.certifications).toEqual([
      expect.objectContaining({
        type: 'MEDI_CAL_PEER_SUPPORT_SPECIALIST',
        number: null,
        expired: false,
      }),
    ]);

    // Staff elsewhere see the working details, but not the work contact nor lived experience,
    // which are for the peer's organization by default (visibility.test.ts has the rest).
    const org = peer.organizationId!;
    const working = {
      serviceArea: { latitude: 37.8044, longitude: -122.2712, radiusKm: 25, counties: [] },
      caseloadCapacity: 15,
      currentCaseload: 10,
      openPlaces: 5,
    };
    for (const staff of [planner(), partnerOf(randomUUID()), peerUser(randomUUID())]) {
      const seen = expectData(
        await api().execute<ProfileData>(PROFILE, { id: peer.id }, staff),
      ).peer;
      expect(seen).toMatchObject({ ...working, workContact: null, livedExperience: [] });
      expect(seen.certifications[0].number).toMatch(/^PSS-/);
    }
    for (const staff of [partnerOf(org), peerUser(randomUUID(), org), planner(org), admin()]) {
      const seen = expectData(
        await api().execute<ProfileData>(PROFILE, { id: peer.id }, staff),
      ).peer;
      expect(seen).toMatchObject({
        ...working,
        workContact: { phone: '(510) 555-0199', email: 'peer@peers.example.org' },
        livedExperience: ['HOMELESSNESS'],
      });
    }
  });
});

describe('certifications', () => {
  it('shows an expired certification as expired, and its specializations no longer count', async () => {
    const peer = await createPeer(api(), {
      certifications: [
        medicalCertification(daysFromToday(-1), PeerSpecialization.CRISIS_CARE),
        medicalCertification(daysFromToday(0), PeerSpecialization.JUSTICE_INVOLVED),
      ],
    });
    const seen = expectData(
      await api().execute<ProfileData>(PROFILE, { id: peer.id }, admin()),
    ).peer;
    expect(seen.certifications.map((c) => c.expired)).toEqual([true, false]);
    expect(seen.specializations).toEqual(['JUSTICE_INVOLVED']);

    const found = expectData(
      await api().execute<{ peers: { nodes: { id: string }[] } }>(
        'query($f: PeerFilter) { peers(filter: $f, first: 100) { nodes { id } } }',
        {
          f: { specializations: ['CRISIS_CARE'] },
        },
      ),
    ).peers.nodes.map((n) => n.id);
    expect(found).not.toContain(peer.id);
  });

  it('stores certifications given through upsertPeerProfile, with the name of their type', async () => {
    const peerId = randomUUID();
    const input = {
      ...NEW_PROFILE,
      certifications: [
        {
          type: 'MEDI_CAL_PEER_SUPPORT_SPECIALIST',
          number: 'PSS-123456',
          issuedOn: '2024-02-01',
          expiresOn: '2026-01-31',
          specializations: ['UNHOUSED'],
        },
        {
          type: 'OTHER',
          name: 'Wellness Recovery Action Plan facilitator',
          issuedOn: '2023-05-01',
        },
      ],
    };
    expectData(await upsert(peerUser(peerId), input));
    const seen = expectData(
      await api().execute<ProfileData>(PROFILE, { id: peerId }, admin()),
    ).peer;
    expect(seen.certifications).toEqual([
      {
        type: 'MEDI_CAL_PEER_SUPPORT_SPECIALIST',
        name: 'Medi-Cal Peer Support Specialist Certification (California)',
        number: 'PSS-123456',
        issuedOn: '2024-02-01',
        expiresOn: '2026-01-31',
        expired: true,
        specializations: ['UNHOUSED'],
      },
      {
        type: 'OTHER',
        name: 'Wellness Recovery Action Plan facilitator',
        number: null,
        issuedOn: '2023-05-01',
        expiresOn: null,
        expired: false,
        specializations: [],
      },
    ]);
    expect(seen.specializations).toEqual([]);
  });
});

describe('peer(id), peers(filter) and myPeerProfile', () => {
  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    expectError(await api().execute(PROFILE, { id: randomUUID() }), 'NOT_FOUND');
    expectError(await api().execute(PROFILE, { id: 'not-a-uuid' }), 'NOT_FOUND');
  });

  it('filters by organization, language and county, and pages by name', async () => {
    const org = randomUUID();
    const ids = [];
    for (const [name, languages] of [
      ['Ana', ['en', 'es']],
      ['Bao', ['en', 'vi']],
      ['Cruz', ['es']],
    ] as const) {
      ids.push(
        (
          await createPeer(api(), {
            displayName: name,
            organizationId: org,
            languages: [...languages],
            counties: ['Alameda County'],
          })
        ).id,
      );
    }
    const query = `query($f: PeerFilter, $after: String) { peers(filter: $f, first: 2, after: $after) {
      totalCount nodes { displayName } pageInfo { hasNextPage endCursor } } }`;
    interface PageData {
      peers: {
        totalCount: number;
        nodes: { displayName: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }
    const spanish = expectData(
      await api().execute<PageData>(query, { f: { organizationId: org, languages: ['es'] } }),
    ).peers;
    expect(spanish.totalCount).toBe(2);
    expect(spanish.nodes.map((n) => n.displayName)).toEqual(['Ana', 'Cruz']);

    const page1 = expectData(
      await api().execute<PageData>(query, {
        f: { organizationId: org, county: 'alameda county' },
      }),
    ).peers;
    expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const page2 = expectData(
      await api().execute<PageData>(query, {
        f: { organizationId: org },
        after: page1.pageInfo.endCursor,
      }),
    ).peers;
    expect(page2.nodes).toEqual([{ displayName: 'Cruz' }]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('lets only signed-in staff filter by lived experience', async () => {
    const query = 'query { peers(filter: { livedExperience: [VETERAN] }) { totalCount } }';
    expectError(await api().execute(query, {}, ANONYMOUS), 'UNAUTHENTICATED');
    expect(
      expectData(await api().execute<{ peers: { totalCount: number } }>(query, {}, planner())).peers
        .totalCount,
    ).toEqual(expect.any(Number));
  });

  it("returns the caller's own profile, or null", async () => {
    const peer = await createPeer(api());
    const query = 'query { myPeerProfile { id } }';
    interface MyProfileData {
      myPeerProfile: { id: string } | null;
    }
    expect(
      expectData(await api().execute<MyProfileData>(query, {}, peerUser(peer.id))).myPeerProfile,
    ).toEqual({
      id: peer.id,
    });
    expect(
      expectData(await api().execute<MyProfileData>(query, {}, peerUser(randomUUID())))
        .myPeerProfile,
    ).toBeNull();
    expect(
      expectData(await api().execute<MyProfileData>(query, {}, admin())).myPeerProfile,
    ).toBeNull();
  });
});

interface EntitiesData {
  _entities: ({
    __typename: string;
    id: string;
    displayName: string;
    organization: { id: string } | null;
    workContact: { phone: string | null } | null;
  } | null)[];
}

describe('_entities', () => {
  it('resolves a Peer by its @key (Referral.assignedPeer), and null for an unknown id', async () => {
    const org = randomUUID();
    const peer = await createPeer(api(), { organizationId: org });
    const data = expectData(
      await api().execute<EntitiesData>(
        `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Peer { id displayName organization { id } workContact { phone } } } }`,
        {
          r: [
            { __typename: 'Peer', id: peer.id },
            { __typename: 'Peer', id: randomUUID() },
          ],
        },
        planner(org),
      ),
    );
    expect(data._entities).toEqual([
      {
        __typename: 'Peer',
        id: peer.id,
        displayName: peer.displayName,
        organization: { id: org },
        workContact: { phone: '(510) 555-0199' },
      },
      null,
    ]);
  });
});
