import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDISCLOSURE_NOTICE } from '../subgraphs/referrals/disclosure';
import { createListing, type Fixture } from './support/fixtures';
import {
  consentInput,
  createPeer,
  createReferral,
  ok,
  startTappedGateway,
  statementCounter,
  type TappedGateway,
} from './support/referrals';
import { startStack, type TestStack } from './support/stack';

let stack: TestStack;
let tapped: TappedGateway;
beforeAll(async () => {
  // No notification dispatcher nor clock here: their background work would count among the page's
  // statements.
  stack = await startStack(
    {},
    { subgraphOptions: { referrals: { dispatcher: false, sweepMs: false } } },
  );
  tapped = await startTappedGateway(stack);
});
afterAll(async () => {
  await tapped?.stop();
  await stack?.stop();
});

const PAGE = `query Page($org: ID!, $first: Int!) {
  referrals(first: $first, filter: { organizationId: $org }) {
    totalCount
    nodes {
      id status
      resource { name organization { name } }
      assignedPeer { displayName }
      history { kind actor from to at }
    }
  }
}`;
interface PageData {
  referrals: {
    totalCount: number;
    nodes: {
      id: string;
      status: string;
      resource: { name: string; organization: { name: string } } | null;
      assignedPeer: { displayName: string } | null;
      history: {
        kind: string;
        actor: string | null;
        from: string | null;
        to: string;
        at: string;
      }[];
    }[];
  };
}
interface InboxData {
  organization: {
    name: string;
    referralInbox: {
      totalCount: number;
      nodes: { id: string; status: string; needs: string[] }[];
    } | null;
  } | null;
}
interface StatsData {
  resource: {
    name: string;
    referralStats: {
      sent: number;
      accepted: number;
      acceptanceRate: number | null;
      byStatus: { status: string; count: number }[];
    } | null;
  } | null;
}
interface DisclosedData {
  referral: { person: { displayName: string } | null } | null;
}

describe('Referral fields resolved by the other subgraphs', () => {
  it('Referral.resource and receivingOrganization come from resources; assignedPeer from peers', async () => {
    const listing = await createListing(stack.resources.orm);
    const peerId = await createPeer(stack, 'Dee Peer');
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const referral = await createReferral(stack, listing, planner, { assignedPeerId: peerId });
    const res = await stack.gql(
      `query($id: ID!) { referral(id: $id) {
        resource { id name acceptsReferrals organization { id name } }
        location { id name }
        receivingOrganization { name }
        assignedPeer { id displayName }
      } }`,
      { id: referral.id },
      planner,
    );
    expect(ok(res).referral).toEqual({
      resource: {
        id: listing.resource.id,
        name: listing.resource.name,
        acceptsReferrals: true,
        organization: { id: listing.organization.id, name: listing.organization.name },
      },
      location: { id: listing.location.id, name: listing.location.name },
      receivingOrganization: { name: listing.organization.name },
      assignedPeer: { id: peerId, displayName: 'Dee Peer' },
    });
  });

  it('Organization.referralInbox lists what arrived, for its partners only', async () => {
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const sent = await createReferral(stack, listing, planner);
    await createReferral(stack, listing, planner, { draft: true });
    const query = `query($id: ID!) { organization(id: $id) { name referralInbox { totalCount nodes { id status needs } } } }`;
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    expect(
      ok(await stack.gql<InboxData>(query, { id: listing.organization.id }, partner)).organization,
    ).toEqual({
      name: listing.organization.name,
      referralInbox: {
        totalCount: 1,
        // No consent names the organization: that a referral arrived, not what the person needs.
        nodes: [{ id: sent.id, status: 'REQUESTED', needs: [] }],
      },
    });
    const outsider = await stack.token({ roles: ['partner'], org: randomUUID() });
    const refused = await stack.gql<InboxData>(query, { id: listing.organization.id }, outsider);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The organization itself is public; only the inbox is withheld.
    expect(refused.body.data?.organization ?? null).toBeNull();
  });

  it('Resource.referralStats is computed in referrals from the organization resources names', async () => {
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const a = await createReferral(stack, listing, planner);
    await createReferral(stack, listing, planner);
    ok(
      await stack.gql(
        'mutation($id: ID!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: 1) { id } }',
        { id: a.id },
        partner,
      ),
    );
    const query = `query($id: ID!) { resource(id: $id) { name referralStats { sent accepted acceptanceRate byStatus { status count } } } }`;
    const stats = ok(await stack.gql<StatsData>(query, { id: listing.resource.id }, partner))
      .resource!.referralStats;
    expect(stats).toMatchObject({ sent: 2, accepted: 1, acceptanceRate: 1 });
    const anonymous = await stack.gql<StatsData>(query, { id: listing.resource.id });
    expect(ok(anonymous).resource).toEqual({ name: listing.resource.name, referralStats: null });
  });

  it('carries the re-disclosure notice in extensions of a gateway response that discloses a person, whatever was selected', async () => {
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const referral = await createReferral(stack, listing, planner, { consent: consentInput() });
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const disclosed = await stack.gql<DisclosedData>(
      'query($id: ID!) { referral(id: $id) { person { displayName } } }',
      { id: referral.id },
      partner,
    );
    expect(ok(disclosed).referral!.person!.displayName).toBe('Maria G.');
    expect(disclosed.body.extensions?.redisclosureNotice).toBe(REDISCLOSURE_NOTICE);
    const notDisclosed = await stack.gql(
      'query($id: ID!) { referral(id: $id) { status } }',
      { id: referral.id },
      partner,
    );
    expect(notDisclosed.body.extensions?.redisclosureNotice).toBeUndefined();
  });
});

describe('a page of referrals through the gateway', () => {
  let listings: Fixture[];
  let org: string;
  let partner: string;

  beforeAll(async () => {
    // Fifty referrals to the listings of one organization, each with a peer, and accepted.
    const first = await createListing(stack.resources.orm);
    org = first.organization.id;
    listings = [first];
    partner = await stack.token({ roles: ['partner'], org });
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const peers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createPeer(stack, `Peer ${i}`)),
    );
    // More listings of the same organization, so the page names several resources.
    const em = stack.resources.orm.em.fork();
    const { Resource } = await import('../subgraphs/resources/resource/resource.entity.js');
    for (let i = 0; i < 4; i += 1) {
      const r = em.create(Resource, {
        organization: first.organization.id,
        name: `Extra ${i}`,
        acceptsReferrals: true,
        categoryIds: ['emergency-shelter'],
      });
      listings.push({ ...first, resource: r });
    }
    await em.flush();
    for (let batch = 0; batch < 5; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const n = batch * 10 + i;
          const l = listings[n % listings.length];
          const created = await createReferral(stack, l, planner, {
            assignedPeerId: peers[n % peers.length],
            locationId: null,
          });
          ok(
            await stack.gql(
              'mutation($id: ID!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: 1) { id } }',
              { id: created.id },
              partner,
            ),
          );
        }),
      );
    }
  });

  async function measure(first: number) {
    const counters = Object.fromEntries(
      Object.entries(stack.subgraphs).map(([name, s]) => [name, statementCounter(s.orm)]),
    );
    for (const tap of Object.values(tapped.taps)) tap.clear();
    const res = await tapped.gql<PageData>(PAGE, { org, first }, partner);
    const data = ok(res).referrals;
    const result = {
      nodes: data.nodes.length,
      fetches: Object.fromEntries(
        Object.entries(tapped.taps).map(([name, tap]) => [name, tap.requests.length]),
      ),
      entityFetches: Object.fromEntries(
        Object.entries(tapped.taps).map(([name, tap]) => [name, tap.entityRequests().length]),
      ),
      statements: Object.fromEntries(Object.entries(counters).map(([name, c]) => [name, c.count])),
      sample: data.nodes[0],
      sql: Object.fromEntries(
        Object.entries(counters).map(([name, c]) => [name, [...c.statements]]),
      ),
    };
    for (const c of Object.values(counters)) c.stop();
    return result;
  }

  it('is one batched entity fetch per subgraph and the same number of SQL statements for 5 or 50 referrals', async () => {
    const small = await measure(5);
    const large = await measure(50);
    expect(small.nodes).toBe(5);
    expect(large.nodes).toBe(50);
    expect(large.sample).toMatchObject({
      status: 'ACCEPTED',
      resource: { organization: { name: listings[0].organization.name } },
      assignedPeer: { displayName: expect.stringMatching(/^Peer \d$/) as unknown },
      history: [
        { kind: 'CREATED', to: 'REQUESTED' },
        { kind: 'STATUS_CHANGED', from: 'REQUESTED', to: 'ACCEPTED' },
      ],
    });
    // referrals answers the root query; resources and peers each get ONE _entities request, and
    // accounts (which the page does not select) none.
    expect(large.fetches).toEqual({ resources: 1, peers: 1, referrals: 1, accounts: 0 });
    expect(large.entityFetches).toEqual({ resources: 1, peers: 1, referrals: 0, accounts: 0 });
    // One request carries the whole page's entities (the gateway sends one representation per row).
    expect(tapped.taps.resources.entityRequests()[0].representations).toBe(50);
    expect(tapped.taps.peers.entityRequests()[0].representations).toBe(50);
    expect(small.fetches).toEqual(large.fetches);
    expect(small.entityFetches).toEqual(large.entityFetches);
    // The same statements whatever the page size: page + count + history in referrals, and a
    // batched lookup per kind in resources and peers.
    expect(
      large.statements,
      JSON.stringify({ small: small.sql, large: large.sql }, null, 1),
    ).toEqual(small.statements);
    expect(large.statements).toEqual({ referrals: 3, resources: 2, peers: 1, accounts: 0 });
  });
});
