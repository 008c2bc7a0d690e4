import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing } from './support/fixtures';
import { firstError, postJson } from './support/http';
import { startStack, type TestStack } from './support/stack';

describe('unexpected errors are masked', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('a subgraph that loses its database answers a generic message with the request id, never the cause', async () => {
    const { resource } = await createListing(stack.resources.orm);
    const before = await stack.gql('query($id: ID!) { resource(id: $id) { name } }', {
      id: resource.id,
    });
    expect(before.body.errors).toBeUndefined();

    // A genuine internal failure: the subgraph's connection pool is gone.
    await stack.resources.orm.close(true);

    for (const [requestId, query] of [
      ['masked-read', `query { resource(id: "${resource.id}") { name } }`],
      ['masked-list', '{ resources { totalCount } }'],
    ] as const) {
      const res = await postJson(stack.gatewayUrl, { query }, { 'x-request-id': requestId });
      expect(res.status, requestId).not.toBe(401);
      expect(res.body.data ?? null).toBeNull();
      expect(res.body.errors).toHaveLength(1);
      const error = firstError(res.body);
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
      expect(error.message).toBe(
        `Something went wrong on our side. If it keeps happening, report request id ${requestId}.`,
      );
      expect(res.text).not.toMatch(/\n\s+at |stacktrace|exception/i);
      expect(res.text).not.toMatch(/knex|pool|select|postgres|mikro/i);
    }

    // The subgraph's health check sees it too, so the gateway is not ready.
    const ready = await fetch(new URL('/readyz', stack.gatewayUrl));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not ready',
      subgraphs: { resources: 'status 503' },
    });
  });

  it('the client’s own mistakes are not masked', async () => {
    const res = await stack.gql('{ resource(id: "nope") { name } }', undefined, undefined, {
      'x-request-id': 'plain-1',
    });
    // NOT_FOUND is decided before the database is asked, so it stays a client error.
    expect(firstError(res.body).extensions).toMatchObject({
      code: 'NOT_FOUND',
      requestId: 'plain-1',
    });
  });
});

describe('a gateway whose signing secret the subgraphs do not share (a misconfiguration)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ identitySecret: randomBytes(32).toString('hex') });
  });
  afterAll(() => stack?.stop());

  it('fails as our error, masked, not as the client’s UNAUTHENTICATED, and never shows the subgraph’s address', async () => {
    const token = await stack.token({ roles: ['admin'] });
    const res = await postJson(
      stack.gatewayUrl,
      { query: '{ categories { id } }' },
      { authorization: `Bearer ${token}`, 'x-request-id': 'misconfigured-1' },
    );
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toEqual([
      {
        message:
          'Something went wrong on our side. If it keeps happening, report request id misconfigured-1.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'misconfigured-1' },
      },
    ]);
    expect(res.text).not.toContain(new URL(stack.resourcesUrl).port);
    expect(res.text).not.toMatch(/signed by the gateway|401/);
  });
});
