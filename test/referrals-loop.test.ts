import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirErrors } from '../subgraphs/referrals/test/fhir-profiles';
import { createListing } from './support/fixtures';
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
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const MOVE = `mutation($id: ID!, $to: ReferralStatus!, $v: Int!, $reason: String, $code: ReferralReasonCode, $outcome: ReferralOutcomeInput) {
  transitionReferral(id: $id, to: $to, expectedVersion: $v, reason: $reason, reasonCode: $code, outcome: $outcome) { status version } }`;
interface MoveData {
  transitionReferral: { status: string; version: number };
}

const INBOX = `query Inbox($org: ID!) { organization(id: $org) { referralInbox { nodes { id status urgency person { displayName contact } } } } }`;
interface InboxData {
  organization: {
    referralInbox: {
      nodes: {
        id: string;
        status: string;
        urgency: string;
        person: { displayName: string; contact: string | null } | null;
      }[];
    } | null;
  } | null;
}

const READ = `query($id: ID!) { referral(id: $id) { status outcome { code note } closedAt
          history { kind actor actorRole from to reason } fhir } }`;
/** The FHIR bundle (a JSON scalar): the parts the test reads. */
interface FhirBundle {
  resourceType: string;
  entry: { fullUrl: string; resource: { resourceType: string } }[];
}
interface ReadData {
  referral: {
    status: string;
    outcome: { code: string; note: string | null } | null;
    closedAt: string | null;
    history: {
      kind: string;
      actor: string | null;
      actorRole: string | null;
      from: string | null;
      to: string | null;
      reason: string | null;
    }[];
    fhir: FhirBundle;
  } | null;
}

interface AccessLogData {
  referralAccessLog: { accessor: string; operation: string }[];
}
interface TotalCountData {
  referrals: { totalCount: number };
}

describe('a closed loop, as the people involved would run it', () => {
  it('planner refers with consent, partner accepts and sees who, the loop closes with an outcome, and every step is recorded', async () => {
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({
      sub: 'planner-ana',
      roles: ['discharge_planner'],
      org: randomUUID(),
    });
    const partner = await stack.token({
      sub: 'partner-ben',
      roles: ['partner'],
      org: listing.organization.id,
    });
    const created = ok(
      await stack.gql<CreateReferralData>(
        CREATE_REFERRAL,
        { input: referralInput(listing, { consent: consentInput() }), key: randomUUID() },
        planner,
      ),
    ).createReferral;

    const inbox = await stack.gql<InboxData>(INBOX, { org: listing.organization.id }, partner);
    expect(ok(inbox).organization!.referralInbox!.nodes).toEqual([
      {
        id: created.id,
        status: 'REQUESTED',
        urgency: 'URGENT',
        person: { displayName: 'Maria G.', contact: '+1 510 555 0100' },
      },
    ]);
    expect(inbox.body.extensions?.redisclosureNotice).toMatch(/42 CFR part 2/);

    expect(
      ok(await stack.gql<MoveData>(MOVE, { id: created.id, to: 'ACCEPTED', v: 1 }, partner))
        .transitionReferral,
    ).toEqual({ status: 'ACCEPTED', version: 2 });
    ok(
      await stack.gql(
        MOVE,
        {
          id: created.id,
          to: 'ON_HOLD',
          v: 2,
          reason: 'Waiting for ID documents',
          code: 'AWAITING_DOCUMENTS',
        },
        partner,
      ),
    );
    ok(await stack.gql(MOVE, { id: created.id, to: 'IN_PROGRESS', v: 3 }, partner));
    ok(
      await stack.gql(
        MOVE,
        { id: created.id, to: 'COMPLETED', v: 4, outcome: { code: 'ENROLLED', note: 'Moved in' } },
        partner,
      ),
    );

    const read = ok(await stack.gql<ReadData>(READ, { id: created.id }, planner)).referral!;
    expect(read).toMatchObject({
      status: 'COMPLETED',
      outcome: { code: 'ENROLLED', note: 'Moved in' },
    });
    expect(read.history.map((h) => [h.kind, h.actor, h.actorRole, h.from, h.to, h.reason])).toEqual(
      [
        ['CREATED', 'planner-ana', 'discharge_planner', null, 'REQUESTED', null],
        ['CONSENT_RECORDED', 'planner-ana', 'discharge_planner', null, null, null],
        ['STATUS_CHANGED', 'partner-ben', 'partner', 'REQUESTED', 'ACCEPTED', null],
        [
          'STATUS_CHANGED',
          'partner-ben',
          'partner',
          'ACCEPTED',
          'ON_HOLD',
          'Waiting for ID documents',
        ],
        ['STATUS_CHANGED', 'partner-ben', 'partner', 'ON_HOLD', 'IN_PROGRESS', null],
        ['STATUS_CHANGED', 'partner-ben', 'partner', 'IN_PROGRESS', 'COMPLETED', null],
      ],
    );
    // The FHIR bundle a hospital system takes in.
    expect(read.fhir.resourceType).toBe('Bundle');
    expect(read.fhir.entry.map((e) => e.resource.resourceType)).toEqual([
      'ServiceRequest',
      'Task',
      'Consent',
      'Organization',
      'Organization',
      'Patient',
    ]);
    // Valid R4, and each resource meets the SDOHCC / US Core profile it claims.
    expect(fhirErrors(read.fhir)).toEqual([]);
    expect(read.fhir.entry[1].resource).toMatchObject({
      status: 'completed',
      focus: { reference: read.fhir.entry[0].fullUrl },
    });

    const admin = await stack.token({ roles: ['admin'] });
    const log = ok(
      await stack.gql<AccessLogData>(
        'query($id: ID!) { referralAccessLog(referralId: $id) { accessor operation } }',
        { id: created.id },
        admin,
      ),
    );
    // Newest first: the planner's one read of the bundle and of the words the partner typed (a
    // hold's reason, the outcome's note), in any order within that read, then the partner's read of
    // who the person is.
    const planners = log.referralAccessLog.slice(0, 3);
    expect(planners).toHaveLength(3);
    expect(planners).toEqual(
      expect.arrayContaining([
        { accessor: 'planner-ana', operation: 'Referral.fhir in query' },
        { accessor: 'planner-ana', operation: 'ReferralEvent.reason in query' },
        { accessor: 'planner-ana', operation: 'Referral.outcome in query' },
      ]),
    );
    expect(log.referralAccessLog.slice(3)).toEqual([
      {
        accessor: 'partner-ben',
        operation: expect.stringMatching(/^Referral\.person in query Inbox/) as unknown,
      },
    ]);
  });
});

describe('reliability through the gateway', () => {
  it('createReferral retried concurrently with one key makes one referral', async () => {
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const vars = { input: referralInput(listing), key: randomUUID() };
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        stack.gql<CreateReferralData>(CREATE_REFERRAL, vars, planner),
      ),
    );
    expect(new Set(results.map((r) => ok(r).createReferral.id)).size).toBe(1);
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    expect(
      ok(await stack.gql<TotalCountData>('query { referrals { totalCount } }', {}, partner))
        .referrals.totalCount,
    ).toBe(1);
  });

  it('a stale expectedVersion is a CONFLICT, not a lost update', async () => {
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const { id } = ok(
      await stack.gql<CreateReferralData>(
        CREATE_REFERRAL,
        { input: referralInput(listing), key: randomUUID() },
        planner,
      ),
    ).createReferral;
    ok(await stack.gql(MOVE, { id, to: 'ACCEPTED', v: 1 }, partner));
    const stale = await stack.gql(
      MOVE,
      { id, to: 'REJECTED', v: 1, reason: 'full', code: 'NO_CAPACITY' },
      partner,
    );
    expect(stale.status).toBe(200);
    expect(stale.body.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT', currentVersion: 2 },
    });
  });
});

describe('bad input through the gateway is BAD_USER_INPUT naming the field', () => {
  it('unknown resource, past discharge date, missing reason, 10,000-character note', async () => {
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const field = (res: GraphQLResponse) => {
      expect(codeOf(res), JSON.stringify(res.body)).toBe('BAD_USER_INPUT');
      expect(res.status).not.toBe(500);
      return res.body.errors![0].extensions!.field;
    };
    expect(
      field(
        await stack.gql(
          CREATE_REFERRAL,
          { input: referralInput(listing, { resourceId: randomUUID() }), key: randomUUID() },
          planner,
        ),
      ),
    ).toBe('resourceId');
    expect(
      field(
        await stack.gql(
          CREATE_REFERRAL,
          {
            input: referralInput(listing, {
              expectedDischargeAt: new Date(Date.now() - 86_400_000).toISOString(),
            }),
            key: randomUUID(),
          },
          planner,
        ),
      ),
    ).toBe('expectedDischargeAt');
    const { id } = ok(
      await stack.gql<CreateReferralData>(
        CREATE_REFERRAL,
        { input: referralInput(listing), key: randomUUID() },
        planner,
      ),
    ).createReferral;
    expect(field(await stack.gql(MOVE, { id, to: 'REJECTED', v: 1 }, partner))).toBe('reasonCode');
    expect(
      field(
        await stack.gql(
          'mutation($id: ID!, $b: String!) { addReferralNote(referralId: $id, body: $b) { id } }',
          { id, b: 'x'.repeat(10_000) },
          planner,
        ),
      ),
    ).toBe('body');
    expect(
      field(
        await stack.gql(
          CREATE_REFERRAL,
          { input: referralInput(listing, { notes: 'x'.repeat(10_000) }), key: randomUUID() },
          planner,
        ),
      ),
    ).toBe('notes');
  });
});

describe('an inbox, longest waiting first', () => {
  it('pages oldest first when asked, and refuses a cursor of the other order', async () => {
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push(
        ok(
          await stack.gql<CreateReferralData>(
            CREATE_REFERRAL,
            { input: referralInput(listing), key: randomUUID() },
            planner,
          ),
        ).createReferral.id,
      );
    const PAGE = `query($org: ID!, $after: String, $order: ReferralOrder) {
      organization(id: $org) { referralInbox(first: 2, after: $after, order: $order) {
        nodes { id } pageInfo { hasNextPage endCursor } } } }`;
    type PageData = {
      organization: {
        referralInbox: {
          nodes: { id: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    let cursor: string | null = null;
    do {
      const page: PageData = ok(
        await stack.gql<PageData>(
          PAGE,
          { org: listing.organization.id, after, order: 'OLDEST_FIRST' },
          partner,
        ),
      );
      seen.push(...page.organization.referralInbox.nodes.map((n) => n.id));
      after = page.organization.referralInbox.pageInfo.hasNextPage
        ? page.organization.referralInbox.pageInfo.endCursor
        : null;
      cursor ??= after;
    } while (after);
    expect(seen).toEqual(made);

    const newest = ok(
      await stack.gql<PageData>(PAGE, { org: listing.organization.id, after: null }, partner),
    );
    expect(newest.organization.referralInbox.nodes.map((n) => n.id)).toEqual(
      [...made].reverse().slice(0, 2),
    );
    const mixed = await stack.gql<PageData>(
      PAGE,
      { org: listing.organization.id, after: cursor, order: 'NEWEST_FIRST' },
      partner,
    );
    expect(mixed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
