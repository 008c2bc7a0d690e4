import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { toConnection } from '../../kit/connection';
import { emptyPage } from '../../kit/pagination';
import { ForbiddenError, UnauthenticatedError } from '../../kit/errors';
import { hasRole, isAdmin } from '../../kit/identity';
import type { ReferralsContext } from '../context';
import { isUuid } from '../../kit/ids';
import { ReferralOrder } from '../referral/referral.enums';
import { ReferralFilter } from '../referral/referral.inputs';
import { Referral } from '../referral/referral.entity';
import { ReferralConnection } from '../referral/referral.types';
import { statsWindow } from '../stats/referral-stats.service';
import { ReferralStats } from '../stats/referral-stats.types';
import { OrganizationRef } from './organization.ref';
import { PeerRef } from './peer.ref';
import { ResourceRef } from './resource.ref';

type Ref = { id: string };

/**
 * `_entities` for the foreign entities this subgraph adds fields to: it knows them by key only, and
 * the representation is all it needs.
 */
export const FOREIGN_REFERENCE_RESOLVERS = {
  Resource: { __resolveReference: (ref: Ref) => ref },
  Organization: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
  Location: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
  Peer: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
};

@Resolver(() => OrganizationRef)
export class OrganizationReferralsResolver {
  @FieldResolver(() => ReferralConnection, {
    description:
      'Referrals sent to this organization, newest first unless `order` says OLDEST_FIRST (the longest waiting first). Its partners and admins only.',
  })
  async referralInbox(
    @Root() organization: OrganizationRef,
    @Ctx() ctx: ReferralsContext,
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter?: ReferralFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('order', () => ReferralOrder, { nullable: true }) order?: ReferralOrder,
  ) {
    const { identity } = ctx;
    if (!identity.sub) throw new UnauthenticatedError('Sign in to see referrals.');
    if (!isAdmin(identity) && !(hasRole(identity, 'partner') && identity.org === organization.id)) {
      throw new ForbiddenError(
        "Only this organization's partners and admins may read its referral inbox.",
      );
    }
    if (!isUuid(organization.id)) return toConnection(emptyPage());
    return toConnection(
      await ctx.referrals.list(
        filter,
        first,
        after,
        {
          receivingOrgId: organization.id,
          requestedAt: { $ne: null },
        },
        order ?? ReferralOrder.NEWEST_FIRST,
      ),
    );
  }
}

@Resolver(() => ResourceRef)
export class ResourceReferralsResolver {
  @FieldResolver(() => ReferralStats, {
    nullable: true,
    description:
      "Referrals this listing received in [from, to) (30 days by default); for its organization's partners and admins, null for others.",
  })
  @Directive('@requires(fields: "organization { id }")')
  referralStats(
    @Root() resource: ResourceRef,
    @Ctx() ctx: ReferralsContext,
    @Arg('from', () => Date, { nullable: true }) from?: Date,
    @Arg('to', () => Date, { nullable: true }) to?: Date,
  ): Promise<ReferralStats | null> {
    return ctx.stats.forResource(resource, statsWindow(from, to));
  }
}

@Resolver(() => PeerRef)
export class PeerReferralsResolver {
  @FieldResolver(() => [Referral], {
    description:
      'Open referrals (requested, accepted, in progress, on hold) assigned to this peer that you may see.',
  })
  activeReferrals(@Root() peer: PeerRef, @Ctx() ctx: ReferralsContext): Promise<Referral[]> {
    return ctx.referrals.activeForPeer(peer.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Referrals accepted, in progress or on hold with this peer. Null for anonymous callers.',
  })
  async caseload(@Root() peer: PeerRef, @Ctx() ctx: ReferralsContext): Promise<number | null> {
    if (!ctx.identity.sub) return null;
    return ctx.loaders.caseload.load(peer.id);
  }
}
