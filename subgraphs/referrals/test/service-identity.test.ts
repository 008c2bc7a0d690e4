import { describe, expect, it } from 'vitest';
import { ResourceStatus } from '../../resources/resource/resource.enums';
import { REFERRALS_SERVICE } from '../directory/http-resource-directory';
import { expectData, expectError, useReferrals } from './harness';

const api = useReferrals();

const LOOKUP = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Resource { id status acceptsReferrals } }
}`;

describe('the identity referrals signs as when it asks resources', () => {
  it('is a service, not an admin', () => {
    expect(REFERRALS_SERVICE.roles).toEqual(['service']);
    expect(REFERRALS_SERVICE.sub).toBe('service:referrals');
  });

  it('reads a listing whatever its status through _entities, which is all the referral check needs', async () => {
    const inactive = await api().listing({ status: ResourceStatus.INACTIVE });
    const data = expectData<{ _entities: { id: string; status: string }[] }>(
      await api().resources.execute(
        LOOKUP,
        { r: [{ __typename: 'Resource', id: inactive.resource.id }] },
        REFERRALS_SERVICE,
      ),
    );
    expect(data._entities).toEqual([
      { id: inactive.resource.id, status: 'INACTIVE', acceptsReferrals: true },
    ]);
  });

  it('can change nothing on resources and see nothing kept for admins', async () => {
    const listing = await api().listing();
    const asService = (query: string, variables?: Record<string, unknown>) =>
      api().resources.execute(query, variables, REFERRALS_SERVICE);
    expectError(
      await asService(
        `mutation($id: ID!) { updateCapacity(id: $id, input: { available: 0 }) { id } }`,
        { id: listing.resource.id },
      ),
      'FORBIDDEN',
    );
    expectError(
      await asService(`mutation { createOrganization(input: { name: "Taken over" }) { id } }`),
      'FORBIDDEN',
    );
    expectError(await asService('{ searchIndexStatus { engine } }'), 'FORBIDDEN');
  });
});
