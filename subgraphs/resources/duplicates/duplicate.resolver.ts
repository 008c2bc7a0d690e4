import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../kit/connection';
import type { ResourcesContext } from '../context';
import { Resource } from '../resource/resource.entity';
import { DuplicateCandidateConnection } from './duplicate.types';

@Resolver()
export class DuplicateResolver {
  @Query(() => DuplicateCandidateConnection, {
    description:
      'Pairs of listings that look like one program (same phone, same address or nearby, similar names), most likely first. Directory admins only.',
  })
  async duplicateCandidates(
    @Ctx() ctx: ResourcesContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; 20 when omitted.' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.duplicates.candidates(first, after));
  }

  @Mutation(() => Resource, {
    description:
      'Merges one listing into another: the merged one leaves search and its id answers with the kept one (referrals and saved lists keep working); both histories are kept. Directory admins only.',
  })
  mergeResources(
    @Arg('keepId', () => ID) keepId: string,
    @Arg('mergeId', () => ID) mergeId: string,
    @Ctx() ctx: ResourcesContext,
  ) {
    return ctx.duplicates.merge(keepId, mergeId);
  }
}
