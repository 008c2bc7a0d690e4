import { randomBytes } from 'node:crypto';
import { Collection, Reference, ReferenceKind } from '@mikro-orm/core';
import type { EntityDictionary, EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { createListing } from '../../../test/support/fixtures';
import { readOnlyEntities } from '../../kit/loaders';
import { Location } from '../location/location.entity';
import { Organization } from '../organization/organization.entity';
import { Resource } from '../resource/resource.entity';
import { useResources } from './harness';

const api = useResources();

/**
 * The entity as the ORM hydrates it (em.findOne), and as readOnlyEntities builds it from the same
 * row read two ways: `select *` (what the loaders read) and `to_jsonb` (what a search reads).
 */
async function readBothWays<T extends Resource | Location | Organization>(
  kind: new () => T,
  id: string,
) {
  const em: EntityManager = api().orm.em.fork();
  const managed = await em.findOneOrFail(kind.name, id);
  const table = em.getMetadata().get(kind.name).tableName;
  const connection = em.getConnection();
  const [plain] = await connection.execute<EntityDictionary<T>[]>(
    `select * from "${table}" where id = ?`,
    [id],
  );
  const [json] = await connection.execute<{ row: EntityDictionary<T> }[]>(
    `select to_jsonb(t) as row from "${table}" t where id = ?`,
    [id],
  );
  const reader = api().orm.em.fork();
  return {
    em: reader,
    managed: managed as object,
    built: [plain, json.row].map((row) => readOnlyEntities(reader, kind, [row])[0]),
  };
}

/** Every property the ORM maps reads the same on the built entity as on the ORM's own. */
function expectSameReading(
  kind: new () => object,
  em: EntityManager,
  managed: object,
  built: object,
) {
  expect(built).toBeInstanceOf(kind);
  for (const prop of em.getMetadata().get(kind.name).props) {
    if (prop.embedded) continue;
    const mine: unknown = Reflect.get(built, prop.name);
    const theirs: unknown = Reflect.get(managed, prop.name);
    switch (prop.kind) {
      case ReferenceKind.MANY_TO_ONE:
      case ReferenceKind.ONE_TO_ONE:
        expect(Reference.isReference(mine), prop.name).toBe(Reference.isReference(theirs));
        expect(Reflect.get(Reference.unwrapReference(mine as object), 'id'), prop.name).toBe(
          Reflect.get(Reference.unwrapReference(theirs as object), 'id'),
        );
        break;
      case ReferenceKind.ONE_TO_MANY:
      case ReferenceKind.MANY_TO_MANY:
        expect(mine, prop.name).toBeInstanceOf(Collection);
        // Not loaded: a read-only entity's relations are read through the loaders.
        expect((mine as Collection<object>).isInitialized(), prop.name).toBe(false);
        expect((mine as Collection<object>).owner, prop.name).toBe(built);
        break;
      case ReferenceKind.EMBEDDED:
        expect(mine, prop.name).toEqual(theirs);
        if (theirs !== null) expect(mine, prop.name).toBeInstanceOf(prop.targetMeta!.class);
        break;
      case ReferenceKind.SCALAR:
        expect(mine, prop.name).toEqual(theirs);
        if (theirs instanceof Date) expect(mine, prop.name).toBeInstanceOf(Date);
    }
  }
}

async function expectReadsSame<T extends Resource | Location | Organization>(
  kind: new () => T,
  id: string,
) {
  const { em, managed, built } = await readBothWays(kind, id);
  for (const entity of built) expectSameReading(kind, em, managed, entity);
  return built;
}

describe('read-only entities', () => {
  it('read every column as the ORM does, from a table row and from to_jsonb', async () => {
    const { resource, location, organization } = await createListing(api().orm);
    await expectReadsSame(Resource, resource.id);
    await expectReadsSame(Location, location.id);
    await expectReadsSame(Organization, organization.id);
  });

  it('read empty columns and a missing capacity and address as the ORM does', async () => {
    const em = api().orm.em.fork();
    const tag = randomBytes(3).toString('hex');
    const organization = em.create(Organization, { name: `Sparse Org ${tag}` });
    const location = em.create(Location, {
      organization,
      name: `Sparse Site ${tag}`,
      timeZone: 'America/Los_Angeles',
    });
    const resource = em.create(Resource, { organization, name: `Sparse Listing ${tag}` });
    resource.locations.add(location);
    await em.flush();
    const built = await expectReadsSame(Resource, resource.id);
    const [place] = await expectReadsSame(Location, location.id);
    await expectReadsSame(Organization, organization.id);
    expect(built.map((r) => [r.capacity, r.description, r.lastVerifiedAt, r.minimumAge])).toEqual([
      [null, null, null, null],
      [null, null, null, null],
    ]);
    expect([place.address, place.latitude]).toEqual([null, null]);
  });

  it("are not in the request's unit of work, and an edit through em.findOne still saves", async () => {
    const { resource } = await createListing(api().orm);
    const { em, built } = await readBothWays(Resource, resource.id);
    expect(em.getUnitOfWork().getById(Resource.name, resource.id)).toBeUndefined();
    const [readOnly] = built;
    expect(readOnly.organization.id).toBe(resource.organization.id);
    const editable = await em.findOneOrFail(Resource, resource.id);
    // (toBe would compare the two deeply for its message, reading the unloaded collections)
    expect(Object.is(editable, readOnly)).toBe(false);
    editable.name = `${editable.name} (renamed)`;
    await em.flush();
    const again = await api().orm.em.fork().findOneOrFail(Resource, resource.id);
    expect(again.name).toBe(`${resource.name} (renamed)`);
  });
});
