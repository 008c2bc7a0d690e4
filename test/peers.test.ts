import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayApp } from '../gateway/app';
import type { GatewayConfig } from '../gateway/config';
import { startSubgraphTap, type SubgraphTap } from '../scripts/subgraph-tap';
import { SUBGRAPHS } from '../scripts/subgraphs';
import { resolve } from 'node:path';
import { createLogger } from '../subgraphs/kit/logger';
import { projectRoot } from '../subgraphs/kit/paths';
import { listen, type RunningServer } from '../subgraphs/kit/server';
import {
  LivedExperienceArea,
  PeerCertificationType,
  PeerSpecialization,
} from '../subgraphs/peers/peer/peer.enums';
import { Peer } from '../subgraphs/peers/peer/peer.entity';
import type { Schedule } from '../subgraphs/resources/location/schedule';
import { createListing, type Fixture } from './support/fixtures';
import { postJson } from './support/http';
import { startStack, type TestStack } from './support/stack';

interface FoldersData {
  peer: {
    savedFolders: {
      name: string;
      items: { note: string | null; resource: { name: string } | null }[];
    }[];
  } | null;
}
interface UnlistedSavedData {
  peer: {
    savedResources: ({ id: string; name: string; description: string | null } | null)[];
    savedFolders: {
      items: {
        resourceId: string;
        listed: boolean;
        resource: { name: string; description: string | null } | null;
      }[];
    }[];
  } | null;
}
interface PeerContactData {
  peer: {
    displayName: string;
    languages: string[];
    specializations: string[];
    workContact: { phone: string | null; email: string | null } | null;
    livedExperience: string[] | null;
    caseloadCapacity: number | null;
    certifications: { number: string | null; expired: boolean }[];
  } | null;
}
interface MatchPeersData {
  matchPeers: {
    peer: { id: string };
    score: number;
    reasons: string[];
    factors?: Record<string, unknown>[];
  }[];
}
interface CreatedWithPeerData {
  createReferral: {
    id: string;
    version: number;
    assignedPeer: { id: string; displayName: string; languages: string[] } | null;
  };
}
interface MyCaseloadData {
  peer: {
    displayName: string;
    activeReferrals: { id: string }[];
    caseload: number;
    currentCaseload: number;
  } | null;
}

let stack: TestStack;
let tap: SubgraphTap;
let tappedGateway: { url: string; server: RunningServer; stop(): Promise<void> };

const ALWAYS_OPEN: Schedule = {
  weekly: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map(
    (day) => ({
      day: day as Schedule['weekly'][number]['day'],
      opensAt: '00:00',
      closesAt: '24:00',
    }),
  ),
  closures: [],
};

/** A second gateway whose requests to the resources subgraph pass through a tap that counts them. */
async function startTappedGateway(): Promise<typeof tappedGateway> {
  tap = await startSubgraphTap(stack.subgraphUrls.resources);
  const config: GatewayConfig = {
    production: false,
    logLevel: 'silent',
    port: 0,
    supergraphPath: resolve(projectRoot(), 'schema', 'supergraph.graphql'),
    identitySecret: stack.subgraphs.resources.identitySecret,
    auth: { jwtSecret: stack.jwtSecret },
    subgraphUrls: { ...stack.subgraphUrls, resources: tap.url },
    trustProxy: false,
    limits: {
      maxDepth: 10,
      maxAliases: 15,
      maxCost: 5000,
      maxTokens: 3000,
      bodyLimitBytes: 2 * 1024 * 1024,
    },
    rateLimit: { perUserPerMinute: 10_000, perAddressPerMinute: 10_000 },
  };
  const gateway = await createGatewayApp(config, createLogger('test', 'silent'));
  const server = await listen(gateway.app, 0, '127.0.0.1');
  return {
    url: server.url.replace('localhost', '127.0.0.1'),
    server,
    async stop() {
      await gateway.apollo.stop();
      await server.close();
      await tap.close();
    },
  };
}

beforeAll(async () => {
  stack = await startStack();
  tappedGateway = await startTappedGateway();
});
afterAll(async () => {
  await tappedGateway?.stop();
  await stack?.stop();
});

async function createPeer(organizationId: string, overrides: Partial<Peer> = {}): Promise<Peer> {
  const em = stack.subgraphs.peers.orm.em.fork();
  const peer = em.create(Peer, {
    displayName: `Peer ${randomBytes(2).toString('hex')}`,
    pronouns: 'he/him',
    organizationId,
    languages: ['en', 'es'],
    livedExperience: [LivedExperienceArea.JUSTICE_INVOLVEMENT],
    certifications: [
      {
        type: PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST,
        name: 'Medi-Cal Peer Support Specialist Certification (California)',
        number: 'PSS-424242',
        issuedOn: '2025-06-01',
        expiresOn: '2099-05-31',
        specializations: [PeerSpecialization.JUSTICE_INVOLVED],
      },
    ],
    serviceLatitude: 37.8044,
    serviceLongitude: -122.2712,
    serviceRadiusKm: 20,
    caseloadCapacity: 15,
    currentCaseload: 3,
    workPhone: '(510) 555-0123',
    workEmail: 'peer@peers.example.org',
    ...overrides,
  });
  await em.flush();
  return peer;
}

const peerToken = (peer: Peer) =>
  stack.token({ roles: ['peer'], peer: peer.id, org: peer.organizationId ?? undefined });
const SAVE =
  'mutation($r: ID!, $f: String, $n: String) { saveResource(resourceId: $r, folder: $f, note: $n) { id } }';

describe('peers through the gateway', () => {
  it('serves a saved list with live openNow and capacity, fetched from resources in ONE batched request', async () => {
    const listings: Fixture[] = [];
    for (let i = 0; i < 5; i += 1)
      listings.push(await createListing(stack.resources.orm, { schedule: ALWAYS_OPEN }));
    const peer = await createPeer(listings[0].organization.id);
    const token = await peerToken(peer);
    for (const [i, l] of listings.entries()) {
      const saved = await stack.gql(
        SAVE,
        {
          r: l.resource.id,
          f: i < 2 ? 'Tonight' : 'Housing',
          n: i === 0 ? 'Bed line opens at 6' : null,
        },
        token,
      );
      expect(saved.body.errors).toBeUndefined();
    }
    // The listing's organization changes its open beds: the saved list shows it at once.
    const partner = await stack.token({ roles: ['partner'], org: listings[4].organization.id });
    const update = await stack.gql(
      'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 0 }) { id } }',
      { id: listings[4].resource.id },
      partner,
    );
    expect(update.body.errors).toBeUndefined();

    tap.clear();
    const query = `query($id: ID!) { peer(id: $id) { displayName
      savedResources { id name capacity { unit available maximum } locations { openNow } } } }`;
    const res = await postJson(
      tappedGateway.url,
      { query, variables: { id: peer.id } },
      { authorization: `Bearer ${token}` },
    );
    expect(res.body.errors).toBeUndefined();
    const saved = (
      res.body.data as {
        peer: {
          savedResources: {
            id: string;
            capacity: { available: number };
            locations: { openNow: boolean }[];
          }[];
        };
      }
    ).peer.savedResources;
    expect(saved.map((r) => r.id)).toEqual(listings.map((l) => l.resource.id).reverse());
    expect(saved[0]).toMatchObject({
      capacity: { unit: 'beds', available: 0, maximum: 20 },
      locations: [{ openNow: true }],
    });
    expect(saved[1]).toMatchObject({
      name: listings[3].resource.name,
      capacity: { available: 3 },
      locations: [{ openNow: true }],
    });

    const entityFetches = tap.entityRequests();
    expect(entityFetches).toHaveLength(1);
    expect(entityFetches[0].representations).toBe(5);
    expect(tap.requests).toHaveLength(1);

    // Folders and notes come along too, resolved the same way.
    const folders = await stack.gql<FoldersData>(
      `query($id: ID!) { peer(id: $id) { savedFolders { name items { note resource { name } } } } }`,
      { id: peer.id },
      token,
    );
    expect(folders.body.errors).toBeUndefined();
    expect(folders.body.data!.peer!.savedFolders).toEqual([
      {
        name: 'Housing',
        items: listings
          .slice(2)
          .reverse()
          .map((l) => ({ note: null, resource: { name: l.resource.name } })),
      },
      {
        name: 'Tonight',
        items: [
          { note: null, resource: { name: listings[1].resource.name } },
          { note: 'Bed line opens at 6', resource: { name: listings[0].resource.name } },
        ],
      },
    ]);

    // Private: another peer gets FORBIDDEN on the list, not the list.
    const stranger = await peerToken(await createPeer(listings[0].organization.id));
    const denied = await stack.gql(
      'query($id: ID!) { peer(id: $id) { savedResources { id } } }',
      { id: peer.id },
      stranger,
    );
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows a saved listing that is no longer listed by its id only, without its name or description', async () => {
    const listing = await createListing(stack.resources.orm);
    const peer = await createPeer(listing.organization.id);
    const token = await peerToken(peer);
    const id = listing.resource.id;
    expect((await stack.gql(SAVE, { r: id }, token)).body.errors).toBeUndefined();
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const closed = await stack.gql(
      'mutation($id: ID!) { setResourceStatus(id: $id, status: INACTIVE) { status } }',
      { id },
      partner,
    );
    expect(closed.body.errors).toBeUndefined();

    const query = `query($id: ID!) { peer(id: $id) {
      savedResources { id name description }
      savedFolders { items { resourceId listed resource { name description } } } } }`;
    const mine = await stack.gql<UnlistedSavedData>(query, { id: peer.id }, token);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.peer).toEqual({
      savedResources: [null],
      savedFolders: [{ items: [{ resourceId: id, listed: false, resource: null }] }],
    });
    expect(JSON.stringify(mine.body)).not.toContain(listing.resource.name);
    // The same answer resource(id) gives the peer.
    const byId = await stack.gql('query($id: ID!) { resource(id: $id) { name } }', { id }, token);
    expect(byId.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Admins may still see what it was.
    const admin = await stack.token({ roles: ['admin'] });
    const asAdmin = await stack.gql<UnlistedSavedData>(query, { id: peer.id }, admin);
    expect(asAdmin.body.data!.peer!.savedFolders[0].items[0]).toMatchObject({
      resourceId: id,
      listed: false,
      resource: { name: listing.resource.name },
    });

    // Nothing unknown or unpublished can be saved (into another folder) in the first place.
    for (const r of [randomUUID(), id]) {
      const refused = await stack.gql(SAVE, { r, f: 'Elsewhere' }, token);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('resolves Peer.organization in the resources subgraph', async () => {
    const { organization } = await createListing(stack.resources.orm);
    const peer = await createPeer(organization.id);
    const res = await stack.gql('query($id: ID!) { peer(id: $id) { organization { id name } } }', {
      id: peer.id,
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      peer: { organization: { id: organization.id, name: organization.name } },
    });
  });

  it('shows anonymous callers no contact details; other staff no contact nor sensitive lived experience until the peer shows them', async () => {
    const organizationId = randomUUID();
    const peer = await createPeer(organizationId);
    const query = `query($id: ID!) { peer(id: $id) { displayName languages specializations
      workContact { phone email } livedExperience caseloadCapacity certifications { number expired } } }`;
    const anonymous = await stack.gql<PeerContactData>(query, { id: peer.id });
    expect(anonymous.body.errors).toBeUndefined();
    expect(anonymous.body.data!.peer).toEqual({
      displayName: peer.displayName,
      languages: ['en', 'es'],
      specializations: ['JUSTICE_INVOLVED'],
      workContact: null,
      livedExperience: null,
      caseloadCapacity: null,
      certifications: [{ number: null, expired: false }],
    });
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const signedIn = await stack.gql<PeerContactData>(query, { id: peer.id }, planner);
    expect(signedIn.body.data!.peer).toMatchObject({
      workContact: null,
      livedExperience: [],
      caseloadCapacity: 15,
      certifications: [{ number: 'PSS-424242', expired: false }],
    });
    const colleague = await stack.token({ roles: ['partner'], org: organizationId });
    expect(
      (await stack.gql<PeerContactData>(query, { id: peer.id }, colleague)).body.data!.peer,
    ).toMatchObject({
      workContact: { phone: '(510) 555-0123', email: 'peer@peers.example.org' },
      livedExperience: [],
    });

    // The peer shows their justice involvement and contact to everyone signed in.
    const shown = await stack.gql(
      `mutation($input: PeerVisibilityInput!) { setPeerVisibility(input: $input) { id } }`,
      {
        input: {
          livedExperience: [{ area: 'JUSTICE_INVOLVEMENT', visibility: 'SIGNED_IN' }],
          workContact: 'SIGNED_IN',
        },
      },
      await peerToken(peer),
    );
    expect(shown.body.errors).toBeUndefined();
    expect(
      (await stack.gql<PeerContactData>(query, { id: peer.id }, planner)).body.data!.peer,
    ).toMatchObject({
      workContact: { phone: '(510) 555-0123', email: 'peer@peers.example.org' },
      livedExperience: ['JUSTICE_INVOLVEMENT'],
    });
  });

  it('matches peers for a signed-in planner, and refuses anonymous callers', async () => {
    const near = { latitude: 32.7157, longitude: -117.1611 }; // San Diego: no other test's peers
    const peer = await createPeer(randomUUID(), {
      serviceLatitude: 32.72,
      serviceLongitude: -117.16,
      languages: ['en', 'tl'],
    });
    const query = `query($input: MatchPeersInput!) { matchPeers(input: $input) { peer { id } score reasons
      factors { kind languages livedExperience distanceKm openPlaces caseloadCapacity availability } } }`;
    const input = { near, languages: ['tl'], livedExperience: ['JUSTICE_INVOLVEMENT'] };
    const planner = await stack.token({ roles: ['discharge_planner'] });
    const res = await stack.gql<MatchPeersData>(query, { input }, planner);
    expect(res.body.errors).toBeUndefined();
    const [best] = res.body.data!.matchPeers;
    expect(best).toMatchObject({
      peer: { id: peer.id },
      reasons: expect.arrayContaining([
        'speaks Tagalog',
        // Justice involvement counts, but is not named: by default it is for matching only.
        'shares lived experience asked for',
        '0.5 km away',
        '12 of 15 places free',
      ]) as unknown,
    });
    expect(best.reasons.join(' | ')).not.toMatch(/justice-involved lived experience/);
    // The same facts as data, for a client that speaks another language; the hidden area stays
    // unnamed there too.
    const none = {
      languages: null,
      livedExperience: null,
      distanceKm: null,
      openPlaces: null,
      caseloadCapacity: null,
      availability: null,
    };
    expect(best.factors).toEqual([
      { ...none, kind: 'LANGUAGE', languages: ['tl'] },
      { ...none, kind: 'LIVED_EXPERIENCE' },
      { ...none, kind: 'DISTANCE', distanceKm: 0.5 },
      { ...none, kind: 'CAPACITY', openPlaces: 12, caseloadCapacity: 15 },
      { ...none, kind: 'AVAILABILITY', availability: 'AVAILABLE' },
    ]);
    expect((await stack.gql(query, { input })).body.errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('answers bad input with BAD_USER_INPUT naming the field', async () => {
    const admin = await stack.token({ roles: ['admin'] });
    const res = await stack.gql(
      'mutation($input: PeerProfileInput!) { upsertPeerProfile(input: $input) { id } }',
      { input: { displayName: 'X', caseloadCapacity: -1, languages: ['en'] } },
      admin,
    );
    expect(res.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'caseloadCapacity' },
    });
  });
});

const referralsRegistered = SUBGRAPHS.some((s) => s.definition.name === 'referrals');

describe.runIf(referralsRegistered)('peers and referrals through the gateway', () => {
  it('resolves Referral.assignedPeer here, and Peer.activeReferrals and caseload in referrals', async () => {
    const listing = await createListing(stack.resources.orm);
    const peer = await createPeer(listing.organization.id, { displayName: 'Assigned Peer' });
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const created = await stack.gql<CreatedWithPeerData>(
      `mutation($input: CreateReferralInput!, $key: String!) { createReferral(input: $input, idempotencyKey: $key) {
        id version assignedPeer { id displayName languages } } }`,
      {
        key: randomUUID(),
        input: {
          person: {
            displayName: 'Maria G.',
            preferredLanguage: 'es',
            contactMethod: 'THROUGH_PEER',
            contactAllowed: true,
          },
          needs: ['emergency-shelter'],
          resourceId: listing.resource.id,
          setting: 'JAIL',
          assignedPeerId: peer.id,
        },
      },
      planner,
    );
    expect(created.body.errors).toBeUndefined();
    const referral = created.body.data!.createReferral;
    expect(referral.assignedPeer).toEqual({
      id: peer.id,
      displayName: 'Assigned Peer',
      languages: ['en', 'es'],
    });

    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const accepted = await stack.gql(
      'mutation($id: ID!, $v: Int!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: $v) { status } }',
      { id: referral.id, v: referral.version },
      partner,
    );
    expect(accepted.body.errors).toBeUndefined();

    const mine = await stack.gql<MyCaseloadData>(
      'query($id: ID!) { peer(id: $id) { displayName activeReferrals { id } caseload currentCaseload } }',
      { id: peer.id },
      await peerToken(peer),
    );
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.peer).toEqual({
      displayName: 'Assigned Peer',
      activeReferrals: [{ id: referral.id }],
      caseload: 1,
      currentCaseload: 3,
    });
  });
});
