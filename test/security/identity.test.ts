import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER, SIGNATURE_HEADER, type Identity } from '../../subgraphs/kit/identity';
import { createListing } from '../support/fixtures';
import { firstError, postJson, signFor } from '../support/http';
import { startStack, type GraphQLResponse, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const READ = '{ categories { id } }';
const UPDATE_CAPACITY = `mutation($id: ID!, $input: CapacityInput!) {
  updateCapacity(id: $id, input: $input) { capacity { available } }
}`;

function sign(claims: Record<string, unknown>, secret: string, expires: string | number = '1h') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));
}

/** A JWT of the given header and claims with no valid signature at all. */
function unsigned(header: Record<string, unknown>, claims: Record<string, unknown>) {
  const part = (o: Record<string, unknown>) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part(header)}.${part(claims)}.`;
}

async function storedAvailable(resourceId: string): Promise<number> {
  const rows = await stack.resources.orm.em
    .fork()
    .getConnection()
    .execute<{ capacity_available: number }[]>(
      'select capacity_available from resource where id = ?',
      [resourceId],
    );
  return rows[0].capacity_available;
}

function expectUnauthenticated(res: {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}) {
  expect(res.status).toBe(401);
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(res.body.data ?? null).toBeNull();
}

describe('the gateway refuses tokens it cannot verify', () => {
  it('a token that is not a JWT', async () => {
    const res = await stack.gql(READ, undefined, 'not-a-real-token');
    expectUnauthenticated(res);
    expect(res.body.errors![0].message).toMatch(/token/i);
  });

  it('an expired token, saying it expired', async () => {
    const token = await stack.token({ roles: ['admin'] }, '5 minutes ago');
    const res = await stack.gql(READ, undefined, token);
    expectUnauthenticated(res);
    expect(res.body.errors![0].message).toMatch(/expired/i);
  });

  it('a token signed with another secret', async () => {
    const token = await sign({ sub: 'mallory', roles: ['admin'] }, randomBytes(32).toString('hex'));
    expectUnauthenticated(await stack.gql(READ, undefined, token));
  });

  it('an unsigned token (alg "none")', async () => {
    const token = unsigned(
      { alg: 'none', typ: 'JWT' },
      { sub: 'mallory', roles: ['admin'], exp: Math.floor(Date.now() / 1000) + 3600 },
    );
    expectUnauthenticated(await stack.gql(READ, undefined, token));
  });

  it('a valid token whose claims were altered after signing', async () => {
    const listing = await createListing(stack.resources.orm);
    const token = await stack.token({ roles: ['peer'], org: listing.organization.id });
    const [header, , signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')}.${signature}`;
    expectUnauthenticated(
      await stack.gql(
        UPDATE_CAPACITY,
        { id: listing.resource.id, input: { available: 0 } },
        tampered,
      ),
    );
    expect(await storedAvailable(listing.resource.id)).toBe(3);
  });

  it('a token with no expiry, and one with no subject', async () => {
    const noExp = await new SignJWT({ sub: 'x', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(stack.jwtSecret));
    expectUnauthenticated(await stack.gql(READ, undefined, noExp));
    const noSub = await sign({ roles: ['admin'] }, stack.jwtSecret);
    const res = await stack.gql(READ, undefined, noSub);
    expectUnauthenticated(res);
    expect(res.body.errors![0].message).toMatch(/sub/);
  });

  it('a token valid for 10 years, one issued in the future, and roles as a string', async () => {
    const tenYears = await stack.token({ roles: ['admin'] }, '3650 days');
    const res = await stack.gql(READ, undefined, tenYears);
    expectUnauthenticated(res);
    expect(res.body.errors![0].message).toMatch(/longer than 12 hours/);
    const now = Math.floor(Date.now() / 1000);
    const future = await new SignJWT({ sub: 'x', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now + 24 * 3600)
      .setExpirationTime(now + 25 * 3600)
      .sign(new TextEncoder().encode(stack.jwtSecret));
    expectUnauthenticated(await stack.gql(READ, undefined, future));
    const stringRoles = await sign({ sub: 'x', roles: 'admin' }, stack.jwtSecret);
    expectUnauthenticated(await stack.gql(READ, undefined, stringRoles));
  });

  it('an Authorization header that is not a bearer token', async () => {
    const res = await stack.gql(READ, undefined, undefined, {
      authorization: 'Basic YWRtaW46YWRtaW4=',
    });
    expectUnauthenticated(res);
    expect(res.body.errors![0].message).toMatch(/Bearer/);
  });

  it('the refusal is JSON with a request id, never anonymous access', async () => {
    const res = await postJson(
      stack.gatewayUrl,
      { query: READ },
      { authorization: 'Bearer x.y.z' },
    );
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(firstError(res.body).extensions?.requestId).toEqual(expect.any(String));
    expect(res.body.data ?? null).toBeNull();
  });

  it('a valid token passes (so the refusals above are about the token)', async () => {
    const res = await stack.gql(READ, undefined, await stack.token({ roles: ['peer'] }));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('a token naming roles it does not know is refused, and changes nothing', async () => {
    const listing = await createListing(stack.resources.orm);
    const token = await stack.token({ roles: ['superuser', 'root'], org: listing.organization.id });
    const res = await stack.gql(
      UPDATE_CAPACITY,
      { id: listing.resource.id, input: { available: 0 } },
      token,
    );
    expectUnauthenticated(res);
    expect(await storedAvailable(listing.resource.id)).toBe(3);
  });
});

describe('the subgraph accepts only what the gateway signed', () => {
  const admin: Identity = { sub: 'mallory', roles: ['admin'], org: null, peer: null };

  const direct = (
    headers: Record<string, string>,
    query = READ,
    variables?: Record<string, unknown>,
  ) => postJson(stack.resourcesUrl, { query, variables }, headers);
  /** Headers signed for exactly the request `direct` sends with this query and variables. */
  const signedFor = (
    identity: Identity,
    options: {
      secret?: string;
      now?: Date;
      query?: string;
      variables?: Record<string, unknown>;
    } = {},
  ) =>
    signFor(identity, options.secret ?? stack.resources.identitySecret, {
      url: stack.resourcesUrl,
      audience: 'resources',
      body: { query: options.query ?? READ, variables: options.variables },
      now: options.now,
    });

  function expectRefused(res: Awaited<ReturnType<typeof direct>>) {
    expect(firstError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
    expect(res.status).not.toBe(200);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/\n\s+at /);
  }

  it('a request sent straight to the subgraph without a signature', async () => {
    const res = await direct({});
    expectRefused(res);
    expect(firstError(res.body).message).toMatch(/gateway/);
  });

  it('an admin identity signed with the wrong secret', async () => {
    const listing = await createListing(stack.resources.orm);
    const variables = { id: listing.resource.id, input: { available: 0 } };
    const headers = signedFor(admin, {
      secret: randomBytes(32).toString('hex'),
      query: UPDATE_CAPACITY,
      variables,
    });
    expectRefused(await direct(headers, UPDATE_CAPACITY, variables));
    expect(await storedAvailable(listing.resource.id)).toBe(3);
  });

  it('a valid signature whose identity was altered to admin', async () => {
    const listing = await createListing(stack.resources.orm);
    const variables = { id: listing.resource.id, input: { available: 0 } };
    const signed = signedFor(
      { sub: 'pat', roles: ['peer'], org: null, peer: null },
      { query: UPDATE_CAPACITY, variables },
    );
    const forged = {
      ...signed,
      [IDENTITY_HEADER]: Buffer.from(JSON.stringify(admin)).toString('base64url'),
    };
    expectRefused(await direct(forged, UPDATE_CAPACITY, variables));
    expect(await storedAvailable(listing.resource.id)).toBe(3);
  });

  it('a signature made 31 seconds ago', async () => {
    const listing = await createListing(stack.resources.orm);
    const variables = { id: listing.resource.id, input: { available: 0 } };
    const headers = signedFor(admin, {
      now: new Date(Date.now() - 31_000),
      query: UPDATE_CAPACITY,
      variables,
    });
    expectRefused(await direct(headers, UPDATE_CAPACITY, variables));
    expect(await storedAvailable(listing.resource.id)).toBe(3);
  });

  it('a signature dated five minutes in the future', async () => {
    const headers = signedFor(admin, { now: new Date(Date.now() + 5 * 60_000) });
    expectRefused(await direct(headers));
  });

  it('a signature header in the wrong shape', async () => {
    const signed = signedFor(admin);
    expectRefused(await direct({ ...signed, [SIGNATURE_HEADER]: 'garbage' }));
    expectRefused(await direct({ [IDENTITY_HEADER]: signed[IDENTITY_HEADER] }));
  });

  it('a fresh signature with the shared secret is accepted (so the refusals above are about the signature)', async () => {
    const listing = await createListing(stack.resources.orm);
    const variables = { id: listing.resource.id, input: { available: 0 } };
    const headers = signedFor(admin, { query: UPDATE_CAPACITY, variables });
    const res = await direct(headers, UPDATE_CAPACITY, variables);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ updateCapacity: { capacity: { available: 0 } } });
  });

  it('a signature is accepted once: the same headers and body sent again are refused', async () => {
    const listing = await createListing(stack.resources.orm);
    const variables = { id: listing.resource.id, input: { available: 0 } };
    const headers = signedFor(admin, { query: UPDATE_CAPACITY, variables });
    expect((await direct(headers, UPDATE_CAPACITY, variables)).body.errors).toBeUndefined();
    await stack.resources.execute(
      UPDATE_CAPACITY,
      { ...variables, input: { available: 3 } },
      admin,
    );
    expectRefused(await direct(headers, UPDATE_CAPACITY, variables));
    expect(await storedAvailable(listing.resource.id)).toBe(3);
  });

  it('a signature moved to another body, path, method or subgraph is refused', async () => {
    const listing = await createListing(stack.resources.orm);
    const variables = { id: listing.resource.id, input: { available: 0 } };
    // Captured from a harmless read, replayed with a mutation in the body.
    const read = signedFor(admin);
    expectRefused(await direct(read, UPDATE_CAPACITY, variables));
    const body = { query: UPDATE_CAPACITY, variables };
    const headers = signedFor(admin, body);
    // The same bytes to another path of the same server (the query string is part of the path).
    expectRefused(await postJson(`${stack.resourcesUrl}?x=1`, body, headers));
    // To another subgraph, with the same secret.
    const other = await postJson(stack.subgraphUrls.referrals, body, headers);
    expect(other.status).toBe(401);
    expect(firstError(other.body).extensions?.code).toBe('UNAUTHENTICATED');
    // Another method: a GET with the operation in the query string.
    const get = await fetch(`${stack.resourcesUrl}?query=${encodeURIComponent(READ)}`, {
      headers: { ...signedFor(admin), 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(401);
    expect(await storedAvailable(listing.resource.id)).toBe(3);
    // None of the refusals used the signature up: the request it was made for still passes once.
    expect((await direct(headers, UPDATE_CAPACITY, variables)).body.errors).toBeUndefined();
  });

  it('identity headers a client sends to the gateway are not passed on', async () => {
    const listing = await createListing(stack.resources.orm);
    // Even a correctly signed admin identity (a leaked secret) is replaced by the caller's own.
    const headers = signedFor(admin, { query: UPDATE_CAPACITY });
    const res = await stack.gql(
      UPDATE_CAPACITY,
      { id: listing.resource.id, input: { available: 0 } },
      undefined,
      headers,
    );
    expect(firstError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
    expect(await storedAvailable(listing.resource.id)).toBe(3);
  });

  it('a body the subgraph cannot read gets a JSON error, not an HTML stack trace', async () => {
    const res = await fetch(stack.resourcesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(text).not.toMatch(/<html|\bat \S+ \(|node_modules/i);
    expect(firstError(JSON.parse(text) as GraphQLResponse['body']).extensions?.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('the subgraph’s /healthz answers without a signature', async () => {
    const res = await fetch(new URL('/healthz', stack.resourcesUrl));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: 'resources' });
  });
});
