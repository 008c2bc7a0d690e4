import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Identity } from '../../kit/identity';
import {
  startResources,
  startSubgraph,
  type GraphQLResponse,
  type TestSubgraph,
} from '../../../test/support/stack';
import type { CertificationRecord } from '../peer/certification';
import {
  PeerAvailability,
  PeerCertificationType,
  type LivedExperienceArea,
  type PeerSpecialization,
} from '../peer/peer.enums';
import { Peer } from '../peer/peer.entity';
import type { PeersServices } from '../services';
import { peersSubgraph } from '../subgraph';

export { expectData, expectError } from '../../../test/support/expect';

export type Body<T = Record<string, unknown>> = GraphQLResponse<T>['body'];

/** One peers subgraph on a database of its own for the test file that calls this. */
export function usePeers(): () => TestSubgraph<PeersServices> {
  let peers: TestSubgraph<PeersServices> | undefined;
  beforeAll(async () => {
    peers = await startSubgraph(peersSubgraph);
  });
  afterAll(() => peers?.stop());
  return () => {
    if (!peers) throw new Error('the peers subgraph has not started');
    return peers;
  };
}

export interface PeersWithResources {
  peers: TestSubgraph<PeersServices>;
  resources: TestSubgraph;
}

/**
 * The peers subgraph with a real resources subgraph listening over HTTP (peers asks it whether a
 * saved listing exists and is published), sharing one signing secret.
 */
export function usePeersWithResources(): () => PeersWithResources {
  let api: PeersWithResources | undefined;
  beforeAll(async () => {
    const secret = randomBytes(32).toString('hex');
    const resources = await startResources({ identitySecret: secret });
    const url = (await resources.listen()).url.replace('localhost', '127.0.0.1');
    const peers = await startSubgraph(peersSubgraph, {
      identitySecret: secret,
      subgraphUrls: { resources: url },
    });
    api = { peers, resources };
  });
  afterAll(async () => {
    await api?.peers.stop();
    await api?.resources.stop();
  });
  return () => {
    if (!api) throw new Error('the peers subgraph has not started');
    return api;
  };
}

const user = () => `user-${randomBytes(4).toString('hex')}`;

export const peerUser = (peerId: string, org: string | null = null): Identity => ({
  sub: user(),
  roles: ['peer'],
  org,
  peer: peerId,
});
export const partnerOf = (org: string): Identity => ({
  sub: user(),
  roles: ['partner'],
  org,
  peer: null,
});
export const admin = (): Identity => ({ sub: user(), roles: ['admin'], org: null, peer: null });
export const planner = (org: string | null = null): Identity => ({
  sub: user(),
  roles: ['discharge_planner'],
  org,
  peer: null,
});

export function daysFromToday(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(date);
}

export function medicalCertification(
  expiresOn: string,
  ...specializations: PeerSpecialization[]
): CertificationRecord {
  return {
    type: PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST,
    name: 'Medi-Cal Peer Support Specialist Certification (California)',
    number: `PSS-${randomBytes(3).toString('hex')}`,
    issuedOn: '2025-01-15',
    expiresOn,
    specializations,
  };
}

export interface PeerFixture {
  id?: string;
  displayName?: string;
  organizationId?: string | null;
  languages?: string[];
  livedExperience?: LivedExperienceArea[];
  certifications?: CertificationRecord[];
  pronouns?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  radiusKm?: number | null;
  counties?: string[];
  caseloadCapacity?: number;
  currentCaseload?: number;
  availability?: PeerAvailability;
}

/** A peer straight into the database (Oakland, 25 km, 5 of 15 places free unless told otherwise). */
export async function createPeer(api: TestSubgraph, fixture: PeerFixture = {}): Promise<Peer> {
  const em = api.orm.em.fork();
  const peer = em.create(Peer, {
    id: fixture.id ?? randomUUID(),
    displayName: fixture.displayName ?? `Test Peer ${randomBytes(2).toString('hex')}`,
    pronouns: fixture.pronouns === undefined ? 'she/her' : fixture.pronouns,
    organizationId: fixture.organizationId === undefined ? randomUUID() : fixture.organizationId,
    languages: fixture.languages ?? ['en'],
    livedExperience: fixture.livedExperience ?? [],
    certifications: fixture.certifications ?? [],
    serviceLatitude: fixture.latitude === undefined ? 37.8044 : fixture.latitude,
    serviceLongitude: fixture.longitude === undefined ? -122.2712 : fixture.longitude,
    serviceRadiusKm: fixture.radiusKm === undefined ? 25 : fixture.radiusKm,
    serviceCounties: fixture.counties ?? [],
    caseloadCapacity: fixture.caseloadCapacity ?? 15,
    currentCaseload: fixture.currentCaseload ?? 10,
    availability: fixture.availability ?? PeerAvailability.AVAILABLE,
    workPhone: '(510) 555-0199',
    workEmail: 'peer@peers.example.org',
  });
  await em.flush();
  return peer;
}

export async function storedPeer(api: TestSubgraph, id: string) {
  const rows = await api.orm.em
    .getConnection()
    .execute<Record<string, unknown>[]>('select * from peer where id = ?', [id]);
  return rows[0];
}
