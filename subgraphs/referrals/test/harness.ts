import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Identity } from '../../kit/identity';
import type { KnownPeer, PeerDirectory } from '../directory/peer-directory.port';
import { expectData } from '../../../test/support/expect';
import { createListing, type Fixture } from '../../../test/support/fixtures';
import {
  startResources,
  startSubgraph,
  type GraphQLResponse,
  type TestSubgraph,
} from '../../../test/support/stack';
import type { ReferralsOptions } from '../services';
import { referralsSubgraph } from '../subgraph';

export { expectData, expectError } from '../../../test/support/expect';

export type Body<T = Record<string, unknown>> = GraphQLResponse<T>['body'];

/**
 * The peers the referrals subgraph is told exist: its peer directory in these tests (the gateway
 * tests in test/ ask the real peers subgraph). Records every id it is asked about.
 */
export class KnownPeers implements PeerDirectory {
  private readonly known = new Map<string, KnownPeer>();
  readonly asked: string[] = [];

  /** A peer that exists, working for `organizationId`; returns their id. */
  add(organizationId: string | null = null): string {
    const id = randomUUID();
    this.known.set(id, { id, organizationId });
    return id;
  }

  peer(id: string): Promise<KnownPeer | null> {
    this.asked.push(id);
    return Promise.resolve(this.known.get(id) ?? null);
  }
}

export interface ReferralsApi {
  referrals: TestSubgraph;
  resources: TestSubgraph;
  peers: KnownPeers;
  /** An active listing that accepts referrals, in an organization of its own. */
  listing(options?: Parameters<typeof createListing>[1]): Promise<Fixture>;
}

/**
 * The referrals subgraph on a database of its own, with a real resources subgraph listening over
 * HTTP (referrals asks it whether a resource takes referrals), sharing one signing secret.
 */
export function useReferrals(
  options: Omit<Partial<ReferralsOptions>, 'peers'> = {},
): () => ReferralsApi {
  let api: ReferralsApi | undefined;
  beforeAll(async () => {
    const secret = randomBytes(32).toString('hex');
    const resources = await startResources({ identitySecret: secret });
    const url = (await resources.listen()).url.replace('localhost', '127.0.0.1');
    const peers = new KnownPeers();
    const referrals = await startSubgraph(referralsSubgraph, {
      identitySecret: secret,
      subgraphUrls: { resources: url },
      options: { ...options, peers },
    });
    api = {
      referrals,
      resources,
      peers,
      listing: (options) => createListing(resources.orm, options),
    };
  });
  afterAll(async () => {
    await api?.referrals.stop();
    await api?.resources.stop();
  });
  return () => {
    if (!api) throw new Error('the referrals subgraph has not started');
    return api;
  };
}

const user = () => `user-${randomBytes(4).toString('hex')}`;

export const planner = (org: string | null = randomUUID(), sub = user()): Identity => ({
  sub,
  roles: ['discharge_planner'],
  org,
  peer: null,
});
export const partnerOf = (org: string, sub = user()): Identity => ({
  sub,
  roles: ['partner'],
  org,
  peer: null,
});
/** A peer's user; `peer` is their peer id (one the KnownPeers were told of, to assign them). */
export const peerUser = (peer: string = randomUUID(), sub = user()): Identity => ({
  sub,
  roles: ['peer'],
  org: null,
  peer,
});
export const admin = (sub = user()): Identity => ({ sub, roles: ['admin'], org: null, peer: null });

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A valid createReferral input for a listing (only its resource's and location's ids are used). */
export function referralInput(
  fixture: { resource: { id: string }; location: { id: string } },
  over: Record<string, unknown> = {},
) {
  return {
    person: {
      displayName: 'Maria G.',
      preferredLanguage: 'es',
      contactMethod: 'PHONE',
      contact: '+1 510 555 0100',
      contactAllowed: true,
    },
    needs: ['emergency-shelter'],
    resourceId: fixture.resource.id,
    locationId: fixture.location.id,
    setting: 'HOSPITAL',
    expectedDischargeAt: inDays(2),
    urgency: 'URGENT',
    ...over,
  };
}

export function consentInput(over: Record<string, unknown> = {}) {
  return {
    disclosingParty: 'Highland Hospital Social Work',
    information: ['IDENTITY', 'CONTACT', 'NEEDS'],
    purpose: 'To arrange shelter after discharge',
    revocationAcknowledged: true,
    expiresAt: inDays(90),
    method: 'ELECTRONIC_SIGNATURE',
    signedAt: new Date().toISOString(),
    ...over,
  };
}

export const REFERRAL_FIELDS = `id status version statusReason statusReasonCode needs urgency setting requestedAt acceptedAt closedAt
  resourceId locationId receivingOrganizationId assignedPeerId personDisclosed allowedTransitions
  referrer { userId role organizationId }
  outcome { code note }
  history { kind actor actorRole from to reason reasonCode detail }`;

/** A referral as REFERRAL_FIELDS selects it. */
export interface ReferralData {
  id: string;
  status: string;
  version: number;
  statusReason: string | null;
  statusReasonCode: string | null;
  needs: string[];
  urgency: string;
  setting: string;
  requestedAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  resourceId: string;
  locationId: string | null;
  receivingOrganizationId: string;
  assignedPeerId: string | null;
  personDisclosed: boolean;
  allowedTransitions: string[];
  referrer: { userId: string; role: string; organizationId: string | null };
  outcome: { code: string; note: string | null } | null;
  history: {
    kind: string;
    actor: string;
    actorRole: string;
    from: string | null;
    to: string | null;
    reason: string | null;
    reasonCode: string | null;
    detail: string | null;
  }[];
}

/** What CREATE returns. */
export interface CreateData {
  createReferral: ReferralData;
}

/** What TRANSITION returns. */
export interface TransitionData {
  transitionReferral: ReferralData;
}

/** What READ returns: a referral as REFERRAL_FIELDS selects it, and the person if disclosed. */
export interface ReadData {
  referral: ReferralData & {
    person: {
      ref: string;
      displayName: string;
      preferredLanguage: string | null;
      contactMethod: string;
      contact: string | null;
      contactAllowed: boolean;
      redisclosureNotice: string;
    } | null;
  };
}

export const CREATE = `mutation Create($input: CreateReferralInput!, $key: String!) {
  createReferral(input: $input, idempotencyKey: $key) { ${REFERRAL_FIELDS} }
}`;

export const TRANSITION = `mutation Move($id: ID!, $to: ReferralStatus!, $v: Int!, $reason: String, $code: ReferralReasonCode, $outcome: ReferralOutcomeInput) {
  transitionReferral(id: $id, to: $to, expectedVersion: $v, reason: $reason, reasonCode: $code, outcome: $outcome) { ${REFERRAL_FIELDS} }
}`;

export const READ = `query Read($id: ID!) { referral(id: $id) { ${REFERRAL_FIELDS}
  person { ref displayName preferredLanguage contactMethod contact contactAllowed redisclosureNotice } } }`;

/** Creates a referral as `who` and returns its id and what came back. */
export async function createReferral(
  api: ReferralsApi,
  fixture: Fixture,
  who: Identity,
  over: Record<string, unknown> = {},
): Promise<ReferralData> {
  const body = await api.referrals.execute<CreateData>(
    CREATE,
    { input: referralInput(fixture, over), key: randomUUID() },
    who,
  );
  return expectData(body).createReferral;
}

/** Rows of the referrals database, bypassing every cache. */
export async function rows<T = Record<string, unknown>>(
  api: ReferralsApi,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return api.referrals.orm.em.fork().getConnection().execute<T[]>(sql, params);
}
