import { describe, expect, it } from 'vitest';
import { createListing } from '../../../test/support/fixtures';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Identity } from '../../kit/identity';
import { ResourceStatus } from '../resource/resource.enums';
import { expectData, useResources } from './harness';

const api = useResources();

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on Resource { id name status organization { id } locations { id } }
  ... on Location { id name timeZone organization { id } resources { id } }
  ... on Organization { id name resources { id } locations { id } }
} }`;
interface ResourceEntity {
  __typename: 'Resource';
  id: string;
  name: string;
  status: string;
  organization: { id: string };
  locations: { id: string }[];
}
interface LocationEntity {
  __typename: 'Location';
  id: string;
  name: string;
  timeZone: string;
  organization: { id: string };
  resources: { id: string }[];
}
interface OrganizationEntity {
  __typename: 'Organization';
  id: string;
  name: string;
  resources: { id: string }[];
  locations: { id: string }[];
}
interface EntitiesData {
  _entities: (ResourceEntity | LocationEntity | OrganizationEntity | null)[];
}

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('_entities', () => {
  it('resolves a Resource by its @key', async () => {
    const { resource, organization, location } = await createListing(api().orm);
    const data = expectData(
      await api().execute<EntitiesData>(ENTITIES, {
        r: [{ __typename: 'Resource', id: resource.id }],
      }),
    );
    expect(data._entities).toEqual([
      {
        __typename: 'Resource',
        id: resource.id,
        name: resource.name,
        status: 'ACTIVE',
        organization: { id: organization.id },
        locations: [{ id: location.id }],
      },
    ]);
  });

  it('resolves a Location by its @key', async () => {
    const { resource, organization, location } = await createListing(api().orm);
    const data = expectData(
      await api().execute<EntitiesData>(ENTITIES, {
        r: [{ __typename: 'Location', id: location.id }],
      }),
    );
    expect(data._entities).toEqual([
      {
        __typename: 'Location',
        id: location.id,
        name: location.name,
        timeZone: 'America/Los_Angeles',
        organization: { id: organization.id },
        resources: [{ id: resource.id }],
      },
    ]);
  });

  it('resolves an Organization by its @key', async () => {
    const { resource, organization, location } = await createListing(api().orm);
    const data = expectData(
      await api().execute<EntitiesData>(ENTITIES, {
        r: [{ __typename: 'Organization', id: organization.id }],
      }),
    );
    expect(data._entities).toEqual([
      {
        __typename: 'Organization',
        id: organization.id,
        name: organization.name,
        resources: [{ id: resource.id }],
        locations: [{ id: location.id }],
      },
    ]);
  });

  it('resolves a mixed batch in order, with null for ids that name nothing', async () => {
    const a = await createListing(api().orm);
    const b = await createListing(api().orm);
    const data = expectData(
      await api().execute<EntitiesData>(ENTITIES, {
        r: [
          { __typename: 'Resource', id: b.resource.id },
          { __typename: 'Organization', id: a.organization.id },
          { __typename: 'Resource', id: MISSING },
          { __typename: 'Location', id: 'not-a-uuid' },
          { __typename: 'Resource', id: a.resource.id },
          { __typename: 'Location', id: b.location.id },
        ],
      }),
    );
    expect(data._entities.map((e) => e?.id ?? null)).toEqual([
      b.resource.id,
      a.organization.id,
      null,
      null,
      a.resource.id,
      b.location.id,
    ]);
  });

  it('resolves a reference to an unlisted listing only for those who may see it', async () => {
    // Another subgraph's reference (a saved list, a referral) outlives the listing being public; its
    // name and description must not outlive it for readers that resource(id) would refuse.
    const { resource, organization } = await createListing(api().orm, {
      status: ResourceStatus.INACTIVE,
    });
    const r = [{ __typename: 'Resource', id: resource.id }];
    const as = async (identity: Identity) =>
      expectData(await api().execute<EntitiesData>(ENTITIES, { r }, identity))._entities;
    const person = (roles: Identity['roles'], org: string | null = null): Identity => ({
      sub: 'user-entities',
      roles,
      org,
      peer: null,
    });
    expect(await as(ANONYMOUS)).toEqual([null]);
    expect(await as(person(['peer']))).toEqual([null]);
    expect(await as(person(['partner'], randomUUID()))).toEqual([null]);
    const shown = [{ id: resource.id, status: 'INACTIVE' }];
    expect(await as(person(['partner'], organization.id))).toMatchObject(shown);
    expect(await as(person(['admin']))).toMatchObject(shown);
    expect(await as(person(['service']))).toMatchObject(shown);
  });
});
