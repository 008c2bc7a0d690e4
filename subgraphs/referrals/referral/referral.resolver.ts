import { GraphQLJSON } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { toConnection } from '../../kit/connection';
import { operationOf } from '../access-log/access-log.service';
import { ReferralConsent } from '../consent/consent.entity';
import type { ReferralsContext } from '../context';
import { LocationRef } from '../refs/location.ref';
import { OrganizationRef } from '../refs/organization.ref';
import { PeerRef } from '../refs/peer.ref';
import { ResourceRef } from '../refs/resource.ref';
import { allowedTransitions } from './referral-lifecycle';
import { ReferralEvent } from './referral-event.entity';
import { ReferralNote } from './referral-note.entity';
import { ReferralStatus } from './referral.enums';
import { Referral } from './referral.entity';
import { CreateReferralInput, ReferralFilter, ReferralOutcomeInput } from './referral.inputs';
import {
  ReferralConnection,
  ReferralOutcomeView,
  ReferralPersonView,
  ReferralReferrerView,
} from './referral.types';

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { description: 'A referral you may see; NOT_FOUND for any other id.' })
  referral(@Arg('id', () => ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return ctx.referrals.get(id);
  }

  @Query(() => ReferralConnection, { description: 'The referrals you may see, newest first.' })
  async referrals(
    @Ctx() ctx: ReferralsContext,
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter?: ReferralFilter,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; 20 when omitted.' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.referrals.list(filter, first, after));
  }

  @Mutation(() => Referral, {
    description:
      'Refers a person to a resource. Retrying with the same idempotencyKey returns the same referral.',
  })
  createReferral(
    @Arg('input', () => CreateReferralInput) input: CreateReferralInput,
    @Arg('idempotencyKey', () => String, {
      description: 'Any unique string, e.g. a UUID; the same on every retry.',
    })
    idempotencyKey: string,
    @Ctx() ctx: ReferralsContext,
  ): Promise<Referral> {
    return ctx.creation.create(input, idempotencyKey);
  }

  @Mutation(() => Referral, {
    description: 'Moves a referral along its loop; CONFLICT when expectedVersion is stale.',
  })
  transitionReferral(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => ReferralStatus) to: ReferralStatus,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: ReferralsContext,
    @Arg('reason', () => String, {
      nullable: true,
      description: 'Required to reject, cancel, put on hold or fail.',
    })
    reason?: string,
    @Arg('outcome', () => ReferralOutcomeInput, {
      nullable: true,
      description: 'Required to complete or fail.',
    })
    outcome?: ReferralOutcomeInput,
  ): Promise<Referral> {
    return ctx.changes.transition(id, to, reason, expectedVersion, outcome);
  }

  @Mutation(() => Referral, {
    description: 'Assigns the peer who walks with the person; null removes them.',
  })
  assignPeer(
    @Arg('referralId', () => ID) referralId: string,
    @Arg('peerId', () => ID, { nullable: true }) peerId: string | null,
    @Ctx() ctx: ReferralsContext,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ): Promise<Referral> {
    return ctx.changes.assignPeer(referralId, peerId, expectedVersion);
  }

  @Mutation(() => ReferralNote)
  addReferralNote(
    @Arg('referralId', () => ID) referralId: string,
    @Arg('body', () => String, { description: 'At most 4,000 characters.' }) body: string,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ReferralNote> {
    return ctx.changes.addNote(referralId, body);
  }

  @FieldResolver(() => ResourceRef, {
    nullable: true,
    description: 'Null when the listing is no longer visible to you.',
  })
  resource(@Root() referral: Referral): ResourceRef {
    return { id: referral.resourceId };
  }

  @FieldResolver(() => LocationRef, { nullable: true })
  location(@Root() referral: Referral): LocationRef | null {
    return referral.locationId ? { id: referral.locationId } : null;
  }

  @FieldResolver(() => OrganizationRef)
  receivingOrganization(@Root() referral: Referral): OrganizationRef {
    return { id: referral.receivingOrgId };
  }

  @FieldResolver(() => ReferralReferrerView)
  referrer(@Root() referral: Referral): ReferralReferrerView {
    return {
      userId: referral.createdBy,
      role: referral.referrerRole,
      organizationId: referral.referrerOrgId,
    };
  }

  @FieldResolver(() => PeerRef, { nullable: true })
  assignedPeer(@Root() referral: Referral): PeerRef | null {
    return referral.assignedPeerId ? { id: referral.assignedPeerId } : null;
  }

  @FieldResolver(() => ReferralPersonView, {
    nullable: true,
    description:
      'Who the person is: null unless you referred them, or a consent covers you. Every read is logged.',
  })
  person(
    @Root() referral: Referral,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReferralPersonView | null> {
    return ctx.disclosures.person(referral, operationOf(info));
  }

  @FieldResolver(() => Boolean, { description: 'Whether `person` is disclosed to you.' })
  personDisclosed(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<boolean> {
    return ctx.disclosures.isPersonDisclosed(referral);
  }

  @FieldResolver(() => [ReferralNote], {
    description:
      'Notes can identify the person: without a consent covering you, only your own side’s notes.',
  })
  notes(
    @Root() referral: Referral,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReferralNote[]> {
    return ctx.disclosures.notes(referral, operationOf(info));
  }

  @FieldResolver(() => [ReferralEvent], {
    description: 'Every change, oldest first: who, role, when, from, to, reason.',
  })
  history(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<ReferralEvent[]> {
    return ctx.loaders.history.load(referral.id);
  }

  @FieldResolver(() => [ReferralConsent])
  consents(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<ReferralConsent[]> {
    return ctx.loaders.consents.load(referral.id);
  }

  @FieldResolver(() => ReferralOutcomeView, {
    nullable: true,
    description: 'Recorded when it is completed or fails.',
  })
  outcome(@Root() referral: Referral): ReferralOutcomeView | null {
    return referral.outcomeCode && referral.outcomeRecordedAt
      ? {
          code: referral.outcomeCode,
          note: referral.outcomeNote,
          recordedAt: referral.outcomeRecordedAt,
        }
      : null;
  }

  @FieldResolver(() => [ReferralStatus], { description: 'The statuses you may move it to now.' })
  allowedTransitions(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): ReferralStatus[] {
    return allowedTransitions(referral.status, ctx.referrals.involvement(referral));
  }

  @FieldResolver(() => GraphQLJSON, {
    description:
      'The referral as a FHIR R4 Bundle (ServiceRequest, Task, Consent, and Patient when disclosed to you).',
  })
  fhir(@Root() referral: Referral, @Ctx() ctx: ReferralsContext, @Info() info: GraphQLResolveInfo) {
    return ctx.disclosures.fhir(referral, operationOf(info));
  }
}
