import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing } from './support/fixtures';
import { firstError, postJson } from './support/http';
import { startStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

describe('the request id', () => {
  it('a client-sent x-request-id comes back in the response header of a successful request', async () => {
    const res = await postJson(
      stack.gatewayUrl,
      { query: '{ categories { id } }' },
      { 'x-request-id': 'client-abc-123' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('client-abc-123');
  });

  it('and in the header and extensions of a GraphQL error', async () => {
    const res = await postJson(
      stack.gatewayUrl,
      { query: '{ resource(id: "00000000-0000-4000-8000-000000000000") { id } }' },
      {
        'x-request-id': 'client-err-1',
      },
    );
    expect(res.headers.get('x-request-id')).toBe('client-err-1');
    expect(firstError(res.body).extensions).toMatchObject({
      code: 'NOT_FOUND',
      requestId: 'client-err-1',
    });
  });

  it('and of a refused token and of a validation error', async () => {
    const refused = await postJson(
      stack.gatewayUrl,
      { query: '{ categories { id } }' },
      {
        'x-request-id': 'client-401',
        authorization: 'Bearer nope',
      },
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('client-401');
    expect(firstError(refused.body).extensions?.requestId).toBe('client-401');
    const invalid = await postJson(
      stack.gatewayUrl,
      { query: '{ nope }' },
      { 'x-request-id': 'client-400' },
    );
    expect(invalid.headers.get('x-request-id')).toBe('client-400');
    expect(firstError(invalid.body).extensions?.requestId).toBe('client-400');
  });

  it('reaches the subgraph: a change is recorded under it', async () => {
    const listing = await createListing(stack.resources.orm);
    const token = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const res = await stack.gql(
      'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 2 }) { version } }',
      { id: listing.resource.id },
      token,
      { 'x-request-id': 'client-write-1' },
    );
    expect(res.body.errors).toBeUndefined();
    const history = await stack.gql<{ resource: { history: { requestId: string }[] } }>(
      'query($id: ID!) { resource(id: $id) { history { requestId } } }',
      { id: listing.resource.id },
      token,
    );
    expect(history.body.data!.resource.history).toEqual([{ requestId: 'client-write-1' }]);
  });

  it('one is made up when the client sends none, or sends one that is not sane, and errors carry it', async () => {
    for (const sent of [undefined, 'has spaces and <script>', 'x'.repeat(300)]) {
      const res = await postJson(
        stack.gatewayUrl,
        { query: '{ resource(id: "x") { id } }' },
        sent ? { 'x-request-id': sent } : {},
      );
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(firstError(res.body).extensions?.requestId).toBe(id);
    }
  });
});
