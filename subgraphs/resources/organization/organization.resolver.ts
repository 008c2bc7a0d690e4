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
import type { ResourcesContext } from '../context';
import { Location } from '../location/location.entity';
import { Resource } from '../resource/resource.entity';
import {
  CreateOrganizationInput,
  OrganizationFilter,
  UpdateOrganizationInput,
} from './organization.inputs';
import { Organization } from './organization.entity';

@ObjectType()
export class OrganizationConnection extends Connection(Organization) {}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization)
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return ctx.organizations.get(id);
  }

  @Query(() => OrganizationConnection)
  async organizations(
    @Ctx() ctx: ResourcesContext,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter?: OrganizationFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.organizations.list(filter, first, after));
  }

  @Mutation(() => Organization, { description: 'Admins onboard a partner organization.' })
  createOrganization(
    @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput,
    @Ctx() ctx: ResourcesContext,
  ) {
    return ctx.organizations.create(input);
  }

  @Mutation(() => Organization)
  updateOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput,
    @Ctx() ctx: ResourcesContext,
  ) {
    return ctx.organizations.update(id, expectedVersion, input);
  }

  @FieldResolver(() => [Resource], { description: 'Its listings the caller may see, by name.' })
  resources(@Root() organization: Organization, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.resourcesOfOrganization.load(organization.id);
  }

  @FieldResolver(() => [Location])
  locations(@Root() organization: Organization, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.locationsOfOrganization.load(organization.id);
  }
}
