import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, toConnection } from '../../kit/connection';
import { Category } from '../category/category.entity';
import type { ResourcesContext } from '../context';
import { ChangeRecord } from '../history/change-record.entity';
import { LocalTime, localTime } from '../location/local-time';
import { Location } from '../location/location.entity';
import { DEFAULT_TIME_ZONE } from '../location/location.service';
import { Organization } from '../organization/organization.entity';
import { ListingReport } from '../report/listing-report.entity';
import { isListed, ResourceStatus } from './resource.enums';
import {
  CapacityInput,
  CreateResourceInput,
  ResourceFilter,
  UpdateResourceInput,
} from './resource.inputs';
import { Resource } from './resource.entity';
import { ResourceSite } from './resource-site.types';
import { isStale, STALE_AFTER_DAYS } from './stale';

@ObjectType()
export class ResourceConnection extends Connection(Resource) {}

@Resolver(() => Resource)
export class ResourceResolver {
  @Query(() => Resource, {
    description: 'A listing by id; NOT_FOUND when it does not exist or is not public.',
  })
  resource(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext): Promise<Resource> {
    return ctx.resources.get(id);
  }

  @Query(() => ResourceConnection, {
    description: 'Listings by name, filtered. Search proper is searchResources.',
  })
  async resources(
    @Ctx() ctx: ResourcesContext,
    @Arg('filter', () => ResourceFilter, { nullable: true }) filter?: ResourceFilter,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; 20 when omitted.' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.resources.list(filter, first, after));
  }

  @Mutation(() => Resource, { description: "Adds a listing to the caller's organization." })
  createResource(
    @Arg('input', () => CreateResourceInput) input: CreateResourceInput,
    @Ctx() ctx: ResourcesContext,
  ) {
    return ctx.resources.create(input);
  }

  @Mutation(() => Resource, {
    description: 'Changes the fields given; CONFLICT when expectedVersion is stale.',
  })
  updateResource(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateResourceInput) input: UpdateResourceInput,
    @Ctx() ctx: ResourcesContext,
  ) {
    return ctx.resources.update(id, expectedVersion, input);
  }

  @Mutation(() => Resource)
  setResourceStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ResourceStatus) status: ResourceStatus,
    @Ctx() ctx: ResourcesContext,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ) {
    return ctx.resources.setStatus(id, status, expectedVersion);
  }

  @Mutation(() => Resource, {
    description:
      "Sets open capacity now at one site of the listing, e.g. beds free tonight; the listing's capacity becomes the total of its sites.",
  })
  updateCapacity(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => CapacityInput) input: CapacityInput,
    @Ctx() ctx: ResourcesContext,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
    @Arg('locationId', () => ID, {
      nullable: true,
      description:
        "The site (one of the listing's locations). Required when the listing is offered at several; may be left out when it has one (or none).",
    })
    locationId?: string,
  ) {
    return ctx.resources.updateCapacity(id, input, locationId, expectedVersion);
  }

  @Mutation(() => Resource, { description: 'Confirms the listing is true as of now.' })
  verifyResource(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ResourcesContext,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ) {
    return ctx.resources.verify(id, expectedVersion);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() resource: Resource, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.organization.load(resource.organization.id);
  }

  @FieldResolver(() => [Location], { description: 'Where it is offered.' })
  locations(@Root() resource: Resource, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.locationsOfResource.load(resource.id);
  }

  @FieldResolver(() => [ResourceSite], {
    description: 'Where it is offered, each place with its own open capacity.',
  })
  async sites(@Root() resource: Resource, @Ctx() ctx: ResourcesContext): Promise<ResourceSite[]> {
    const [locations, counts] = await Promise.all([
      ctx.loaders.locationsOfResource.load(resource.id),
      ctx.loaders.siteCapacitiesOfResource.load(resource.id),
    ]);
    return locations.map((location) => {
      const capacity = counts.get(location.id)?.capacity ?? null;
      return {
        location,
        capacity,
        capacityUpdatedAtLocal: localTime(capacity?.updatedAt, location.timeZone),
      };
    });
  }

  @FieldResolver(() => [Category])
  async categories(@Root() resource: Resource, @Ctx() ctx: ResourcesContext) {
    const all = await ctx.categories.all();
    return resource.categoryIds.map((id) => all.find((c) => c.id === id)).filter(Boolean);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Published: anyone may find and read it (ACTIVE or TEMPORARILY_CLOSED). Its organization and ' +
      'admins also see unlisted ones.',
  })
  listed(@Root() resource: Resource): boolean {
    return isListed(resource);
  }

  @FieldResolver(() => LocalTime, {
    nullable: true,
    description:
      "lastVerifiedAt on the wall clock of the listing's first location (America/Los_Angeles when it has none).",
  })
  async lastVerifiedAtLocal(@Root() resource: Resource, @Ctx() ctx: ResourcesContext) {
    return localTime(resource.lastVerifiedAt, await this.zoneOf(resource, ctx));
  }

  @FieldResolver(() => LocalTime, {
    nullable: true,
    description:
      "capacity.updatedAt on the wall clock of the listing's first location (America/Los_Angeles when it has none).",
  })
  async capacityUpdatedAtLocal(@Root() resource: Resource, @Ctx() ctx: ResourcesContext) {
    return localTime(resource.capacity?.updatedAt, await this.zoneOf(resource, ctx));
  }

  private async zoneOf(resource: Resource, ctx: ResourcesContext): Promise<string> {
    const locations = await ctx.loaders.locationsOfResource.load(resource.id);
    return locations[0]?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  @FieldResolver(() => Boolean, {
    description: `Not verified in the last ${STALE_AFTER_DAYS} days.`,
  })
  stale(@Root() resource: Resource): boolean {
    return isStale(resource.lastVerifiedAt, new Date());
  }

  @FieldResolver(() => [ChangeRecord], {
    description:
      "Every change, newest first. Only the listing's organization and admins may read it.",
  })
  history(
    @Root() resource: Resource,
    @Ctx() ctx: ResourcesContext,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
  ) {
    return ctx.history.forResource(resource, first);
  }

  @FieldResolver(() => [ListingReport], {
    description: 'Open field reports; for its organization and admins.',
  })
  openReports(@Root() resource: Resource, @Ctx() ctx: ResourcesContext) {
    return ctx.reports.openFor(resource);
  }
}
