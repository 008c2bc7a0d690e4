import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing } from './support/fixtures';
import { startStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

describe('smoke', () => {
  it('reads a listing through the gateway', async () => {
    const { resource } = await createListing(stack.resources.orm);
    const res = await stack.gql(
      'query($id: ID!) { resource(id: $id) { name locations { openNow } } }',
      { id: resource.id },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      resource: { name: resource.name, locations: [{ openNow: expect.any(Boolean) as unknown }] },
    });
  });
});
