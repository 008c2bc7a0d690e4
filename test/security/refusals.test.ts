import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing, type Fixture } from '../support/fixtures';
import { firstError, postJson, signFor } from '../support/http';
import { consentInput, CREATE_REFERRAL, referralInput } from '../support/referrals';
import { startStack, type GraphQLResponse, type TestStack } from '../support/stack';

let stack: TestStack;
let fixture: Fixture;
let admin: string;
beforeAll(async () => {
  stack = await startStack();
  fixture = await createListing(stack.resources.orm);
  admin = await stack.token({ roles: ['admin'] });
});
afterAll(() => stack?.stop());

/** The one error of a refused request: its HTTP status, code and the field it names. */
function refusal(res: { status: number; body: GraphQLResponse['body'] }) {
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.data ?? null).toBeNull();
  const error = firstError(res.body);
  return { status: res.status, code: error.extensions?.code, field: error.extensions?.field };
}

const STATS = 'query($from: DateTimeISO) { referralStats(from: $from) { from } }';
interface StatsData {
  referralStats: { from: string };
}

describe('hostile arguments are BAD_USER_INPUT naming the argument, refused at the gateway', () => {
  it('NUL and lone surrogates, in a variable or written in the query, at any depth', async () => {
    const planner = await stack.token({
      roles: ['discharge_planner'],
      org: fixture.organization.id,
    });
    for (const contact of ['+1 510 555 0100\u0000', '\ud800']) {
      const res = await stack.gql(
        CREATE_REFERRAL,
        {
          input: referralInput(fixture, {
            person: { ...referralInput(fixture).person, contact },
            consent: consentInput(),
          }),
          key: 'hostile-1',
        },
        planner,
      );
      expect(refusal(res)).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        field: 'input.person.contact',
      });
    }
    const literal = await stack.gql(
      '{ resources(filter: { categories: ["food", "a\\u0000"] }) { totalCount } }',
    );
    expect(refusal(literal)).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      field: 'filter.categories[1]',
    });
    // Nothing was created by the refused requests.
    const mine = await stack.gql<{ referrals: { totalCount: number } }>(
      '{ referrals { totalCount } }',
      {},
      planner,
    );
    expect(mine.body.data?.referrals.totalCount).toBe(0);
  });

  it('a date that is no date, written in the query or sent as a variable', async () => {
    const literal = await stack.gql('{ referralStats(from: "not a date") { from } }', {}, admin);
    expect(refusal(literal)).toEqual({ status: 400, code: 'BAD_USER_INPUT', field: 'from' });
    for (const from of ['2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z', 'not a date']) {
      expect(refusal(await stack.gql(STATS, { from }, admin))).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        field: 'from',
      });
    }
    // A real date still works.
    const ok = await stack.gql<StatsData>(STATS, { from: '2026-01-01T00:00:00Z' }, admin);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.referralStats.from).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a date Postgres cannot hold is BAD_USER_INPUT from the subgraph', async () => {
    const res = await stack.gql(
      'query($to: DateTimeISO) { referralStats(to: $to) { from } }',
      { to: '0001-01-01T00:00:00Z' },
      admin,
    );
    expect(refusal(res)).toEqual({ status: 200, code: 'BAD_USER_INPUT', field: 'to' });
  });
});

describe('the subgraphs refuse them too, without the gateway', () => {
  async function direct(query: string, variables: Record<string, unknown>) {
    const url = stack.subgraphUrls.referrals;
    const body = { query, variables };
    const identity = { sub: 'admin-1', roles: ['admin' as const], org: null, peer: null };
    return postJson(
      url,
      body,
      signFor(identity, stack.subgraphs.referrals.identitySecret, {
        url,
        audience: 'referrals',
        body,
      }),
    );
  }

  it('NUL in an argument: BAD_USER_INPUT naming it, with a 200 the gateway passes on', async () => {
    const res = await direct('query($f: ReferralFilter) { referrals(filter: $f) { totalCount } }', {
      f: { assignedPeerId: 'x\u0000' },
    });
    expect(refusal(res)).toEqual({
      status: 200,
      code: 'BAD_USER_INPUT',
      field: 'filter.assignedPeerId',
    });
  });

  it('a date its scalar refuses: a coded error with a 200, not a 400 the gateway would mask', async () => {
    const res = await direct(STATS, { from: 'not a date' });
    expect(refusal(res)).toMatchObject({ status: 200, code: 'BAD_USER_INPUT' });
    const literal = await direct('{ referralStats(from: "not a date") { from } }', {});
    expect(refusal(literal)).toMatchObject({ status: 200, code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});

describe('requests the gateway cannot run are a 400 with a code', () => {
  const TWO = 'query A { categories { id } } query B { categories { id } }';
  const cases: [string, Record<string, unknown>, string][] = [
    ['two operations without operationName', { query: TWO }, 'OPERATION_RESOLUTION_FAILURE'],
    [
      'an unknown operationName',
      { query: TWO, operationName: 'C' },
      'OPERATION_RESOLUTION_FAILURE',
    ],
    [
      'a subscription',
      { query: 'subscription S { categories { id } }' },
      'OPERATION_NOT_SUPPORTED',
    ],
    [
      'a persisted query whose hash is not its query',
      {
        query: '{ categories { id } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
      },
      'PERSISTED_QUERY_HASH_MISMATCH',
    ],
    [
      'a persisted query of an unknown version',
      {
        query: '{ categories { id } }',
        extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } },
      },
      'BAD_REQUEST',
    ],
  ];
  it.each(cases)('%s', async (_label, body, code) => {
    const res = await postJson(stack.gatewayUrl, body);
    expect(refusal(res)).toEqual({ status: 400, code, field: undefined });
  });

  it('the operation named, and a persisted query with its true hash, still run', async () => {
    const named = await postJson<{ categories: unknown[] }>(stack.gatewayUrl, {
      query: TWO,
      operationName: 'B',
    });
    expect(named.body.errors).toBeUndefined();
    expect(named.body.data?.categories.length).toBeGreaterThan(0);
    const query = '{ categories { id } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persisted = await postJson<{ categories: unknown[] }>(stack.gatewayUrl, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });
    expect(persisted.status).toBe(200);
    expect(persisted.body.data?.categories.length).toBeGreaterThan(0);
  });
});

describe('/hsds query parameters', () => {
  it('NUL in a parameter is a 400 BAD_USER_INPUT naming it', async () => {
    for (const path of ['/services?search=%00', '/organizations?search=a%00b']) {
      const res = await fetch(`${stack.gatewayUrl.replace(/\/graphql$/, '/hsds')}${path}`);
      const body = (await res.json()) as GraphQLResponse['body'];
      expect(refusal({ status: res.status, body })).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        field: 'search',
      });
    }
  });
});
