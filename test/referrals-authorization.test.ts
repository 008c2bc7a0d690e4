import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing, type Fixture } from './support/fixtures';
import { postJson, signFor } from './support/http';
import {
  codeOf,
  consentInput,
  CREATE_REFERRAL,
  ok,
  referralInput,
  type CreateReferralData,
} from './support/referrals';
import { startStack, type GraphQLResponse, type TestStack } from './support/stack';

let stack: TestStack;
let listing: Fixture;
const HOSPITAL = randomUUID();
const PEER = `peer-${randomUUID()}`;

type Claims = { sub?: string; roles: string[]; org?: string; peer?: string } | null;
const ROLES: Record<string, Claims> = {
  anonymous: null,
  referrer: { sub: 'referrer-1', roles: ['discharge_planner'], org: HOSPITAL },
  colleague: { roles: ['discharge_planner'], org: HOSPITAL },
  otherPlanner: { roles: ['discharge_planner'], org: randomUUID() },
  receiver: { roles: ['partner'] }, // org: the listing's, set once it exists
  otherPartner: { roles: ['partner'], org: randomUUID() },
  assignedPeer: { roles: ['peer'], peer: PEER },
  otherPeer: { roles: ['peer'], peer: `peer-${randomUUID()}` },
  admin: { roles: ['admin'] },
};
const tokens: Record<string, string | undefined> = {};

beforeAll(async () => {
  stack = await startStack();
  listing = await createListing(stack.resources.orm);
  ROLES.receiver = { roles: ['partner'], org: listing.organization.id };
  for (const [role, claims] of Object.entries(ROLES))
    tokens[role] = claims ? await stack.token(claims) : undefined;
});
afterAll(() => stack?.stop());

interface Scene {
  id: string;
  consentId: string;
  personRef: string;
}

/** A fresh referral sent by the referrer to the listing, with the peer assigned and a consent. */
async function scene(): Promise<Scene> {
  const personRef = `mrn-${randomUUID()}`;
  const input = referralInput(listing, {
    assignedPeerId: PEER,
    consent: consentInput(),
    person: {
      displayName: 'Ana R.',
      contactMethod: 'IN_PERSON',
      contactAllowed: true,
      ref: personRef,
    },
  });
  const created = ok(
    await stack.gql<CreateReferralData>(
      CREATE_REFERRAL,
      { input, key: randomUUID() },
      tokens.referrer,
    ),
  ).createReferral;
  const consents = ok(
    await stack.gql<ConsentsData>(
      'query($id: ID!) { referral(id: $id) { consents { id } } }',
      { id: created.id },
      tokens.referrer,
    ),
  );
  return { id: created.id, consentId: consents.referral!.consents[0].id, personRef };
}

interface ConsentsData {
  referral: { consents: { id: string }[] } | null;
}
interface PersonData {
  referral: { person: { displayName: string } | null } | null;
}
interface ReferralIdsData {
  referrals: { nodes: { id: string }[] };
}

type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
const outcome = (res: GraphQLResponse): Outcome => (codeOf(res) as Outcome | undefined) ?? 'OK';

const OUTSIDERS = {
  otherPlanner: 'NOT_FOUND',
  otherPartner: 'NOT_FOUND',
  otherPeer: 'NOT_FOUND',
} as const;

/** Each operation, and what each role must get from it. */
const MATRIX: Record<
  string,
  { run: (s: Scene, token?: string) => Promise<GraphQLResponse>; expect: Record<string, Outcome> }
> = {
  'referral(id)': {
    run: (s, t) => stack.gql('query($id: ID!) { referral(id: $id) { id } }', { id: s.id }, t),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'OK',
      colleague: 'OK',
      receiver: 'OK',
      assignedPeer: 'OK',
      admin: 'OK',
      ...OUTSIDERS,
    },
  },
  createReferral: {
    run: (_s, t) =>
      stack.gql(CREATE_REFERRAL, { input: referralInput(listing), key: randomUUID() }, t),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'OK',
      colleague: 'OK',
      otherPlanner: 'OK',
      receiver: 'FORBIDDEN',
      otherPartner: 'FORBIDDEN',
      assignedPeer: 'OK',
      otherPeer: 'OK',
      admin: 'OK',
    },
  },
  'transitionReferral → ACCEPTED': {
    run: (s, t) =>
      stack.gql(
        'mutation($id: ID!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: 1) { id } }',
        { id: s.id },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'FORBIDDEN',
      colleague: 'FORBIDDEN',
      receiver: 'OK',
      assignedPeer: 'FORBIDDEN',
      admin: 'OK',
      ...OUTSIDERS,
    },
  },
  'transitionReferral → CANCELLED': {
    run: (s, t) =>
      stack.gql(
        'mutation($id: ID!) { transitionReferral(id: $id, to: CANCELLED, expectedVersion: 1, reason: "no longer needed") { id } }',
        { id: s.id },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'OK',
      colleague: 'OK',
      receiver: 'FORBIDDEN',
      assignedPeer: 'FORBIDDEN',
      admin: 'OK',
      ...OUTSIDERS,
    },
  },
  addReferralNote: {
    run: (s, t) =>
      stack.gql(
        'mutation($id: ID!) { addReferralNote(referralId: $id, body: "Called the shelter") { id } }',
        { id: s.id },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'OK',
      colleague: 'OK',
      receiver: 'OK',
      assignedPeer: 'OK',
      admin: 'OK',
      ...OUTSIDERS,
    },
  },
  assignPeer: {
    run: (s, t) =>
      stack.gql(
        'mutation($id: ID!) { assignPeer(referralId: $id, peerId: "peer-new") { id } }',
        { id: s.id },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'OK',
      colleague: 'OK',
      receiver: 'OK',
      assignedPeer: 'FORBIDDEN',
      admin: 'OK',
      ...OUTSIDERS,
    },
  },
  recordConsent: {
    run: (s, t) =>
      stack.gql(
        'mutation($id: ID!, $c: ConsentInput!) { recordConsent(referralId: $id, input: $c) { id } }',
        { id: s.id, c: consentInput() },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'OK',
      colleague: 'OK',
      receiver: 'FORBIDDEN',
      assignedPeer: 'FORBIDDEN',
      admin: 'OK',
      ...OUTSIDERS,
    },
  },
  revokeConsent: {
    run: (s, t) =>
      stack.gql(
        'mutation($id: ID!) { revokeConsent(consentId: $id) { id } }',
        { id: s.consentId },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'OK',
      colleague: 'OK',
      receiver: 'OK',
      assignedPeer: 'OK',
      admin: 'OK',
      ...OUTSIDERS,
    },
  },
  referralAccessLog: {
    run: (s, t) =>
      stack.gql('query($id: ID!) { referralAccessLog(referralId: $id) { id } }', { id: s.id }, t),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'FORBIDDEN',
      colleague: 'FORBIDDEN',
      otherPlanner: 'FORBIDDEN',
      receiver: 'FORBIDDEN',
      otherPartner: 'FORBIDDEN',
      assignedPeer: 'FORBIDDEN',
      otherPeer: 'FORBIDDEN',
      admin: 'OK',
    },
  },
  disclosures: {
    run: (s, t) =>
      stack.gql(
        'query($ref: ID!) { disclosures(personRef: $ref) { id } }',
        { ref: s.personRef },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'OK',
      colleague: 'OK',
      otherPlanner: 'OK',
      receiver: 'FORBIDDEN',
      otherPartner: 'FORBIDDEN',
      assignedPeer: 'FORBIDDEN',
      otherPeer: 'FORBIDDEN',
      admin: 'OK',
    },
  },
  referralStats: {
    run: (_s, t) =>
      stack.gql(
        'query($org: ID) { referralStats(orgId: $org) { sent } }',
        { org: listing.organization.id },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'FORBIDDEN',
      colleague: 'FORBIDDEN',
      otherPlanner: 'FORBIDDEN',
      receiver: 'OK',
      otherPartner: 'FORBIDDEN',
      assignedPeer: 'FORBIDDEN',
      otherPeer: 'FORBIDDEN',
      admin: 'OK',
    },
  },
  'Organization.referralInbox': {
    run: (_s, t) =>
      stack.gql(
        'query($id: ID!) { organization(id: $id) { referralInbox { totalCount } } }',
        { id: listing.organization.id },
        t,
      ),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      referrer: 'FORBIDDEN',
      colleague: 'FORBIDDEN',
      otherPlanner: 'FORBIDDEN',
      receiver: 'OK',
      otherPartner: 'FORBIDDEN',
      assignedPeer: 'FORBIDDEN',
      otherPeer: 'FORBIDDEN',
      admin: 'OK',
    },
  },
};

describe('the authorization matrix: each role × each operation, through the gateway', () => {
  for (const [operation, { run, expect: expected }] of Object.entries(MATRIX)) {
    it(operation, async () => {
      expect(Object.keys(expected).sort()).toEqual(Object.keys(ROLES).sort());
      const got: Record<string, Outcome> = {};
      for (const role of Object.keys(ROLES))
        got[role] = outcome(await run(await scene(), tokens[role]));
      expect(got).toEqual(expected);
    });
  }

  it('who sees the person: the referring side and admins; the receiver and peer only through a consent naming them', async () => {
    const s = await scene(); // its consent names the receiving organization, not the peer
    const person = async (role: string) =>
      (
        await stack.gql<PersonData>(
          'query($id: ID!) { referral(id: $id) { person { displayName } } }',
          { id: s.id },
          tokens[role],
        )
      ).body.data!;
    expect((await person('referrer')).referral!.person).toEqual({ displayName: 'Ana R.' });
    expect((await person('colleague')).referral!.person).toEqual({ displayName: 'Ana R.' });
    expect((await person('admin')).referral!.person).toEqual({ displayName: 'Ana R.' });
    expect((await person('receiver')).referral!.person).toEqual({ displayName: 'Ana R.' });
    expect((await person('assignedPeer')).referral!.person).toBeNull();
    ok(
      await stack.gql(
        'mutation($id: ID!) { revokeConsent(consentId: $id) { id } }',
        { id: s.consentId },
        tokens.receiver,
      ),
    );
    expect((await person('receiver')).referral!.person).toBeNull();
  });

  it('referrals(filter) holds, for each role, only the referrals it may see', async () => {
    const s = await scene();
    const listed = async (role: string) => {
      const res = await stack.gql<ReferralIdsData>(
        'query { referrals(first: 100) { nodes { id } } }',
        {},
        tokens[role],
      );
      return role === 'anonymous'
        ? codeOf(res)
        : res.body.data!.referrals.nodes.some((n) => n.id === s.id);
    };
    const got = Object.fromEntries(
      await Promise.all(
        Object.keys(ROLES).map(async (r): Promise<[string, string | boolean | undefined]> => [
          r,
          await listed(r),
        ]),
      ),
    );
    expect(got).toEqual({
      anonymous: 'UNAUTHENTICATED',
      referrer: true,
      colleague: true,
      otherPlanner: false,
      receiver: true,
      otherPartner: false,
      assignedPeer: true,
      otherPeer: false,
      admin: true,
    });
  });
});

describe('forged ids and _entities', () => {
  it('answers guessed and malformed ids with NOT_FOUND, never FORBIDDEN, for every operation that takes one', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', '../../etc/passwd', "1' or '1'='1"]) {
      const read = await stack.gql(
        'query($id: ID!) { referral(id: $id) { id } }',
        { id },
        tokens.admin,
      );
      expect(codeOf(read), id).toBe('NOT_FOUND');
      const move = await stack.gql(
        'mutation($id: ID!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: 1) { id } }',
        { id },
        tokens.receiver,
      );
      expect(codeOf(move), id).toBe('NOT_FOUND');
      const revoke = await stack.gql(
        'mutation($id: ID!) { revokeConsent(consentId: $id) { id } }',
        { id },
        tokens.referrer,
      );
      expect(codeOf(revoke), id).toBe('NOT_FOUND');
    }
    // Someone else's real referral answers exactly like one that does not exist.
    const s = await scene();
    const theirs = await stack.gql(
      'query($id: ID!) { referral(id: $id) { id } }',
      { id: s.id },
      tokens.otherPartner,
    );
    const missing = await stack.gql(
      'query($id: ID!) { referral(id: $id) { id } }',
      { id: randomUUID() },
      tokens.otherPartner,
    );
    expect(theirs.body.errors![0].message.replace(s.id, 'X')).toBe(
      missing.body.errors![0].message.replace(/"[^"]+"/, '"X"'),
    );
  });

  it('does not offer _entities through the gateway', async () => {
    const s = await scene();
    const res = await stack.gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id } } }',
      {
        r: [{ __typename: 'Referral', id: s.id }],
      },
      tokens.admin,
    );
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('the referrals subgraph refuses unsigned or forged requests, and a signed outsider gets NOT_FOUND from _entities', async () => {
    const s = await scene();
    const url = stack.subgraphUrls.referrals;
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id person { displayName } } } }';
    const body = { query, variables: { r: [{ __typename: 'Referral', id: s.id }] } };
    const unsigned = await postJson(url, body);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const admin = { sub: 'x', roles: ['admin' as const], org: null, peer: null };
    const target = { url, audience: 'referrals', body };
    const forged = await postJson(url, body, signFor(admin, 'not-the-secret-'.repeat(3), target));
    expect(forged.status).toBe(401);
    const secret = stack.subgraphs.referrals.identitySecret;
    const outsider = await postJson(
      url,
      body,
      signFor({ sub: 'o', roles: ['partner'], org: randomUUID(), peer: null }, secret, target),
    );
    expect(outsider.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(outsider.body)).not.toMatch(/Ana R\./);
    const referrer = await postJson(
      url,
      body,
      signFor(
        { sub: 'referrer-1', roles: ['discharge_planner'], org: HOSPITAL, peer: null },
        secret,
        target,
      ),
    );
    expect(referrer.body.data).toEqual({
      _entities: [{ id: s.id, person: { displayName: 'Ana R.' } }],
    });
  });
});
