import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing, type Fixture } from '../support/fixtures';
import { postJson, signFor } from '../support/http';
import {
  codeOf,
  consentInput,
  CREATE_REFERRAL,
  createPeer,
  ok,
  referralInput,
  type CreateReferralData,
} from '../support/referrals';
import { startStack, type GraphQLResponse, type TestStack } from '../support/stack';

let stack: TestStack;
let listing: Fixture;
const HOSPITAL = randomUUID();
/** Peers that exist in the peers subgraph: the one assigned in each scene, and one to assign. */
let PEER: string;
let NEW_PEER: string;

type Claims = { sub?: string; roles: string[]; org?: string; peer?: string } | null;
const ROLES: Record<string, Claims> = {
  anonymous: null,
  referrer: { sub: 'referrer-1', roles: ['discharge_planner'], org: HOSPITAL },
  colleague: { roles: ['discharge_planner'], org: HOSPITAL },
  otherPlanner: { roles: ['discharge_planner'], org: randomUUID() },
  receiver: { roles: ['partner'] }, // org: the listing's, set once it exists
  otherPartner: { roles: ['partner'], org: randomUUID() },
  assignedPeer: { roles: ['peer'] }, // peer: a real one, set once it exists
  otherPeer: { roles: ['peer'], peer: randomUUID() },
  admin: { roles: ['admin'] },
};
const tokens: Record<string, string | undefined> = {};

beforeAll(async () => {
  stack = await startStack();
  listing = await createListing(stack.resources.orm);
  ROLES.receiver = { roles: ['partner'], org: listing.organization.id };
  [PEER, NEW_PEER] = [
    await createPeer(stack, 'Assigned Peer'),
    await createPeer(stack, 'New Peer'),
  ];
  ROLES.assignedPeer = { roles: ['peer'], peer: PEER };
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
        'mutation($id: ID!) { transitionReferral(id: $id, to: CANCELLED, expectedVersion: 1, reasonCode: NO_LONGER_NEEDED, reason: "no longer needed") { id } }',
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
        'mutation($id: ID!, $p: ID) { assignPeer(referralId: $id, peerId: $p) { id } }',
        { id: s.id, p: NEW_PEER },
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

const ASSIGN = `mutation($id: ID!, $p: ID) { assignPeer(referralId: $id, peerId: $p) { id assignedPeerId } }`;
interface AssignData {
  assignPeer: { id: string; assignedPeerId: string | null };
}
const SEEN = `query Seen($id: ID!) { referral(id: $id) { id statusReason statusReasonCode person { displayName contact }
  notes { body } history { kind reason reasonCode detail } outcome { code note } fhir } }`;
interface SeenData {
  referral: {
    id: string;
    statusReason: string | null;
    statusReasonCode: string | null;
    person: { displayName: string; contact: string | null } | null;
    notes: { body: string }[];
    history: {
      kind: string;
      reason: string | null;
      reasonCode: string | null;
      detail: string | null;
    }[];
    outcome: { code: string; note: string | null } | null;
    fhir: {
      entry: {
        resource: {
          resourceType: string;
          statusReason?: { text?: string; coding?: { code: string }[] };
        };
      }[];
    };
  } | null;
}
const WORDS = 'Ana R., born 1990-02-01, re-arrested on Friday';
const task = (seen: NonNullable<SeenData['referral']>) =>
  seen.fhir.entry.find((e) => e.resource.resourceType === 'Task')!.resource;

/** A referral sent by the referrer with no consent at all, a note, and then cancelled with words. */
async function cancelledWithoutConsent(): Promise<string> {
  const created = ok(
    await stack.gql<CreateReferralData>(
      CREATE_REFERRAL,
      {
        input: referralInput(listing, {
          person: {
            displayName: 'Ana R.',
            contactMethod: 'PHONE',
            contact: '510-555-0199',
            contactAllowed: true,
          },
          notes: 'Ana’s sister is at 12 Elm St.',
        }),
        key: randomUUID(),
      },
      tokens.referrer,
    ),
  ).createReferral;
  ok(
    await stack.gql(
      'mutation($id: ID!, $r: String) { transitionReferral(id: $id, to: CANCELLED, expectedVersion: 1, reasonCode: PERSON_UNAVAILABLE, reason: $r) { id } }',
      { id: created.id, r: WORDS },
      tokens.referrer,
    ),
  );
  return created.id;
}

describe('assigning a peer, through the gateway and the real peers subgraph', () => {
  it('refuses a peer that does not exist with a coded error, and assigns nobody', async () => {
    const s = await scene();
    for (const [p, code] of [
      ['no-such-peer', 'BAD_USER_INPUT'],
      ["x' or 1=1 --", 'BAD_USER_INPUT'],
      [randomUUID(), 'NOT_FOUND'],
    ]) {
      expect(codeOf(await stack.gql(ASSIGN, { id: s.id, p }, tokens.receiver)), p).toBe(code);
    }
    const seen = ok(await stack.gql<SeenData>(SEEN, { id: s.id }, tokens.referrer)).referral!;
    expect(seen.history.filter((h) => h.kind === 'PEER_ASSIGNED')).toEqual([]);
  });

  it('a peer outside the consent may be assigned, sees no personal field, and the change is in the history and the access log', async () => {
    const s = await scene(); // its consent names the receiving organization only
    const outsider = await createPeer(stack, 'Outside Peer');
    const outsiderToken = await stack.token({ roles: ['peer'], peer: outsider });
    ok(
      await stack.gql(
        'mutation($id: ID!, $b: String!) { addReferralNote(referralId: $id, body: $b) { id } }',
        { id: s.id, b: 'Ana asked for a lower bunk' },
        tokens.receiver,
      ),
    );
    expect(
      ok(await stack.gql<AssignData>(ASSIGN, { id: s.id, p: outsider }, tokens.receiver))
        .assignPeer,
    ).toEqual({ id: s.id, assignedPeerId: outsider });
    const seen = ok(await stack.gql<SeenData>(SEEN, { id: s.id }, outsiderToken)).referral!;
    expect(seen).toMatchObject({ id: s.id, person: null, notes: [], statusReason: null });
    expect(seen.fhir.entry.map((e) => e.resource.resourceType)).not.toContain('Patient');
    expect(JSON.stringify(seen)).not.toMatch(/Ana|lower bunk/);
    const history = ok(await stack.gql<SeenData>(SEEN, { id: s.id }, tokens.referrer)).referral!
      .history;
    expect(history.filter((h) => h.kind === 'PEER_ASSIGNED').map((h) => h.detail)).toEqual([
      `peer ${PEER} → ${outsider}; no consent covers this peer: they see nothing of the person`,
    ]);
    const log = ok(
      await stack.gql<{ referralAccessLog: { operation: string; disclosed: string[] }[] }>(
        'query($id: ID!) { referralAccessLog(referralId: $id) { operation disclosed } }',
        { id: s.id },
        tokens.admin,
      ),
    ).referralAccessLog;
    expect(log).toContainEqual({
      operation: expect.stringMatching(
        new RegExp(`^Mutation\\.assignPeer in mutation.*: peer ${PEER} → ${outsider}$`),
      ) as unknown,
      disclosed: ['PEER_ASSIGNED'],
    });
  });
});

describe('free text is disclosed like the person', () => {
  it('with no consent the receiving partner sees the reason codes, not the words, in GraphQL and in FHIR', async () => {
    const id = await cancelledWithoutConsent();
    const res = await stack.gql<SeenData>(SEEN, { id }, tokens.receiver);
    const seen = ok(res).referral!;
    expect(seen).toMatchObject({
      person: null,
      statusReason: null,
      statusReasonCode: 'PERSON_UNAVAILABLE',
      notes: [],
    });
    expect(seen.history.find((h) => h.kind === 'STATUS_CHANGED')).toMatchObject({
      reason: null,
      reasonCode: 'PERSON_UNAVAILABLE',
    });
    expect(task(seen).statusReason).toEqual({
      coding: [{ system: 'urn:resource-referral-hub:referral-reason', code: 'PERSON_UNAVAILABLE' }],
      // SDOHCC requires a text: the code, since the words are withheld.
      text: 'PERSON_UNAVAILABLE',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/1990-02-01|re-arrested|Elm St/);
    expect(res.body.extensions?.redisclosureNotice).toBeUndefined();
  });

  it('the referrer still sees the words, in GraphQL and in FHIR', async () => {
    const id = await cancelledWithoutConsent();
    const seen = ok(await stack.gql<SeenData>(SEEN, { id }, tokens.referrer)).referral!;
    expect(seen).toMatchObject({
      statusReason: WORDS,
      statusReasonCode: 'PERSON_UNAVAILABLE',
      notes: [{ body: 'Ana’s sister is at 12 Elm St.' }],
    });
    expect(seen.history.find((h) => h.kind === 'STATUS_CHANGED')?.reason).toBe(WORDS);
    expect(task(seen).statusReason?.text).toBe(WORDS);
  });

  it('a receiving partner a consent covers sees the words too, and the read is logged', async () => {
    const s = await scene();
    ok(
      await stack.gql(
        'mutation($id: ID!, $r: String) { transitionReferral(id: $id, to: REJECTED, expectedVersion: 1, reasonCode: NOT_ELIGIBLE, reason: $r) { id } }',
        { id: s.id, r: 'Ana R. needs a ground-floor bed' },
        tokens.receiver,
      ),
    );
    const other = ok(
      await stack.gql<SeenData>(
        SEEN,
        { id: s.id },
        await stack.token({ roles: ['partner'], org: listing.organization.id }),
      ),
    ).referral!;
    expect(other.statusReason).toBe('Ana R. needs a ground-floor bed');
    const log = ok(
      await stack.gql<{ referralAccessLog: { operation: string; disclosed: string[] }[] }>(
        'query($id: ID!) { referralAccessLog(referralId: $id) { operation disclosed } }',
        { id: s.id },
        tokens.admin,
      ),
    ).referralAccessLog;
    expect(log).toContainEqual({
      operation: expect.stringMatching(/^Referral\.statusReason in query Seen/) as unknown,
      disclosed: ['FREE_TEXT'],
    });
  });
});
