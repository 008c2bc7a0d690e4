import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing } from './support/fixtures';
import { firstError, postJson } from './support/http';
import { startStack, type GraphQLResponse, type TestStack } from './support/stack';

/** organization → resources → organization → … `levels` fields below `organization(id:)`. */
function cycle(levels: number, leaf = 'id'): string {
  let selection = leaf;
  for (let i = levels; i >= 1; i--)
    selection = `${i % 2 === 1 ? 'resources' : 'organization'} { ${selection} }`;
  return `query($id: ID!) { organization(id: $id) { ${selection} } }`;
}

function expectRefused(res: GraphQLResponse, pattern: RegExp) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const error = res.body.errors?.find((e) => pattern.test(e.message)) ?? firstError(res.body);
  expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED']).toContain(
    error.extensions?.code,
  );
  expect(error.message).toMatch(pattern);
  expect(error.extensions?.requestId).toEqual(expect.any(String));
  expect(res.body.data ?? null).toBeNull();
}

describe('GraphQL limits (development settings)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('answers a query at the depth limit', async () => {
    const { organization } = await createListing(stack.resources.orm);
    // organization(id:) + 8 levels + id: 10 deep.
    const res = await stack.gql(cycle(8), { id: organization.id });
    expect(res.body.errors).toBeUndefined();
    let node = (res.body.data as { organization: Record<string, unknown> }).organization;
    for (let i = 0; i < 4; i++)
      node = (node.resources as Record<string, unknown>[])[0].organization as Record<
        string,
        unknown
      >;
    expect(node).toEqual({ id: organization.id });
  });

  it('refuses organization → resources → organization … beyond depth 10, with no data', async () => {
    const { organization } = await createListing(stack.resources.orm);
    const res = await stack.gql(cycle(12), { id: organization.id });
    expectRefused(res, /depth/i);
    expect(firstError(res.body).message).toMatch(/depth limit of 10/i);
  });

  it('counts depth hidden in fragments too', async () => {
    const { organization } = await createListing(stack.resources.orm);
    const fragments = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0
        ? `fragment F${i} on Organization { resources { ${i === 11 ? 'id' : `...F${i + 1}`} } }`
        : `fragment F${i} on Resource { organization { ${i === 11 ? 'id' : `...F${i + 1}`} } }`,
    ).join('\n');
    const res = await stack.gql(
      `query($id: ID!) { organization(id: $id) { ...F0 } }\n${fragments}`,
      { id: organization.id },
    );
    expectRefused(res, /depth/i);
  });

  it('refuses too many aliases, and accepts the limit itself', async () => {
    const many = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: categories { id }`).join(' ')} }`;
    const ok = await stack.gql(many(15));
    expect(ok.body.errors).toBeUndefined();
    expectRefused(await stack.gql(many(40)), /alias/i);
  });

  it('refuses a query that costs too much', async () => {
    const { organization } = await createListing(stack.resources.orm);
    const res = await stack.gql(cycle(9, Array.from({ length: 300 }, () => 'id').join(' ')), {
      id: organization.id,
    });
    expectRefused(res, /cost/i);
  });

  it('refuses a query with too many tokens as the client’s mistake (400, not 500)', async () => {
    const res = await stack.gql(`{ categories { ${'id '.repeat(3500)}} }`);
    expectRefused(res, /token/i);
  });

  it('a syntax error is a 400 with the request id, not a 500', async () => {
    const res = await stack.gql('{ categories { id }', undefined, undefined, {
      'x-request-id': 'syntax-1',
    });
    expect(res.status).toBe(400);
    expect(firstError(res.body).extensions).toMatchObject({
      code: 'GRAPHQL_PARSE_FAILED',
      requestId: 'syntax-1',
    });
  });

  it('refuses a body larger than the limit with 413 and a JSON GraphQL error', async () => {
    const body = JSON.stringify({
      query: '{ categories { id } }',
      variables: { pad: 'x'.repeat(2 * 1024 * 1024 + 10) },
    });
    const res = await postJson(stack.gatewayUrl, body, { 'x-request-id': 'big-body-1' });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.errors).toEqual([
      {
        message: expect.stringMatching(/larger than 2\.0 MB/) as unknown,
        extensions: { code: 'PAYLOAD_TOO_LARGE', requestId: 'big-body-1' },
      },
    ]);
  });

  it('refuses a body that is not JSON with 400 and a JSON GraphQL error', async () => {
    const res = await postJson(stack.gatewayUrl, '{"query": "{ categories { id } }"', {});
    expect(res.status).toBe(400);
    expect(firstError(res.body).extensions?.code).toBe('BAD_REQUEST');
  });

  it('a body it cannot decode (unknown charset or encoding) gets a JSON error, not an HTML stack trace', async () => {
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/json; charset=latin9' },
      { 'content-type': 'application/json', 'content-encoding': 'br' },
    ];
    for (const headers of cases) {
      const res = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { ...headers, 'x-request-id': 'undecodable-1' },
        body: '{"query":"{ categories { id } }"}',
      });
      const label = JSON.stringify(headers);
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
      expect(res.headers.get('content-type'), label).toMatch(/application\/json/);
      const text = await res.text();
      expect(text, label).not.toMatch(/<html|\bat \S+ \(|node_modules/i);
      expect(firstError(JSON.parse(text) as GraphQLResponse['body']).extensions, label).toEqual({
        code: 'BAD_REQUEST',
        requestId: 'undecodable-1',
      });
    }
  });

  it('does not take batched requests', async () => {
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: '{ categories { id } }' },
        { query: '{ categories { id } }' },
      ]),
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('"categories"');
  });

  it('in development, the introspection query tools send works, and errors suggest field names', async () => {
    const schema = await stack.gql<{
      __schema: { queryType: { name: string }; types: { name: string }[] };
    }>(getIntrospectionQuery());
    expect(schema.body.errors).toBeUndefined();
    expect(schema.body.data!.__schema.queryType.name).toBe('Query');
    expect(schema.body.data!.__schema.types.map((t) => t.name)).toContain('Resource');
    const typo = await stack.gql('{ categories { nam } }');
    expect(firstError(typo.body).message).toMatch(/Did you mean "name"\?/);
  });
});

describe('production mode', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ production: true });
  });
  afterAll(() => stack?.stop());

  it('refuses introspection', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Resource") { fields { name } } }',
      getIntrospectionQuery(),
    ]) {
      const res = await stack.gql(query);
      expect(res.status, query).toBe(400);
      expect(firstError(res.body).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors!.map((e) => e.message).join('\n')).toMatch(
        /introspection is not allowed/i,
      );
      expect(res.body.data ?? null).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('"Resource"');
    }
  });

  it('does not suggest field, argument or type names in errors', async () => {
    const cases = [
      '{ categories { nam } }',
      '{ resourc(id: "x") { id } }',
      '{ resources(frist: 1) { totalCount } }',
      'query($f: ResourceFiltr) { resources(filter: $f) { totalCount } }',
      '{ resources(filter: { statu: [ACTIVE] }) { totalCount } }',
      '{ resources(filter: { status: [ACTIV] }) { totalCount } }',
    ];
    for (const query of cases) {
      const res = await stack.gql(query);
      expect(res.status, query).toBe(400);
      const error = firstError(res.body);
      expect(error.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message, query).not.toMatch(/did you mean/i);
    }
  });

  it('still answers ordinary queries', async () => {
    const { resource } = await createListing(stack.resources.orm);
    const res = await stack.gql('query($id: ID!) { resource(id: $id) { name } }', {
      id: resource.id,
    });
    expect(res.body).toEqual({ data: { resource: { name: resource.name } } });
  });
});
