import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing } from './support/fixtures';
import { codeOf, createReferral, ok } from './support/referrals';
import { startStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const MERGE = `mutation($keep: ID!, $merge: ID!) { mergeResources(keepId: $keep, mergeId: $merge) { id } }`;
interface ReferralData {
  referral: { resource: { id: string; name: string } | null } | null;
}

describe('merging duplicate listings, through the gateway', () => {
  it('a referral made to the merged listing still shows a listing: the one it was merged into', async () => {
    const kept = await createListing(stack.resources.orm, { name: 'Eastside Shelter' });
    const duplicate = await createListing(stack.resources.orm, { name: 'East Side Shelter' });
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const referral = await createReferral(stack, duplicate, planner);

    const partner = await stack.token({ roles: ['partner'], org: duplicate.organization.id });
    const refused = await stack.gql(
      MERGE,
      { keep: kept.resource.id, merge: duplicate.resource.id },
      partner,
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const admin = await stack.token({ roles: ['admin'] });
    expect(
      codeOf(await stack.gql(MERGE, { keep: kept.resource.id, merge: kept.resource.id }, admin)),
    ).toBe('BAD_USER_INPUT');
    ok(await stack.gql(MERGE, { keep: kept.resource.id, merge: duplicate.resource.id }, admin));

    const shown = ok(
      await stack.gql<ReferralData>(
        'query($id: ID!) { referral(id: $id) { resource { id name } } }',
        { id: referral.id },
        planner,
      ),
    );
    // The referral keeps the id it was made with (a federation key comes from the subgraph that
    // holds the reference), and every field of it is the kept listing's; that id leads there too.
    expect(shown.referral?.resource).toEqual({
      id: duplicate.resource.id,
      name: 'Eastside Shelter',
    });
    const byOldId = ok(
      await stack.gql<{ resource: { id: string } }>(
        'query($id: ID!) { resource(id: $id) { id } }',
        { id: duplicate.resource.id },
      ),
    );
    expect(byOldId.resource.id).toBe(kept.resource.id);
  });
});
