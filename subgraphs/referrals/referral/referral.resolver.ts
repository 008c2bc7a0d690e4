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
import { ReferralReasonCode, ReferralStatus } from './referral.enums';
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
      description:
        'Why, in words, beside the code: shown only to those who may see the person, as it can name them.',
    })
    reason?: string,
    @Arg('outcome', () => ReferralOutcomeInput, {
      nullable: true,
      description: 'Required to complete or fail.',
    })
    outcome?: ReferralOutcomeInput,
    @Arg('reasonCode', () => ReferralReasonCode, {
      nullable: true,
      description: 'Why, as a code: required to reject, cancel, put on hold or fail.',
    })
    reasonCode?: ReferralReasonCode,
  ): Promise<Referral> {
    return ctx.changes.transition(
      id,
      to,
      { code: reasonCode, text: reason },
      expectedVersion,
      outcome,
    );
  }

  @Mutation(() => Referral, {
    description:
      'Assigns the peer who walks with the person; null removes them. NOT_FOUND when no peer has the id. A peer no consent names works the referral without seeing the person.',
  })
  assignPeer(
    @Arg('referralId', () => ID) referralId: string,
    @Arg('peerId', () => ID, { nullable: true }) peerId: string | null,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ): Promise<Referral> {
    return ctx.changes.assignPeer(referralId, peerId, expectedVersion, operationOf(info));
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

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Why it has its current status, in words: null unless you may see the person (see statusReasonCode). Every read is logged.',
  })
  statusReason(
    @Root() referral: Referral,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    return ctx.disclosures.statusReason(referral, operationOf(info));
  }

  @FieldResolver(() => Boolean, { description: 'Whether `person` is disclosed to you.' })
  personDisclosed(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<boolean> {
    return ctx.disclosures.isPersonDisclosed(referral);
  }

  @FieldResolver(() => [ReferralNote], {
    description:
      'Notes can identify the person: unless you may see the person, only the notes you wrote.',
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

  @FieldResolver(() => [ReferralConsent], {
    description:
      'The consents: all of them for the referring side and admins, otherwise only those that name you.',
  })
  consents(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<ReferralConsent[]> {
    return ctx.disclosures.consents(referral);
  }

  @FieldResolver(() => [String], {
    description:
      'Category ids of what the person needs, e.g. "emergency-shelter": those a consent covers for you (NEEDS; substance-use treatment needs SUBSTANCE_USE_TREATMENT too). Every read is logged.',
  })
  needs(
    @Root() referral: Referral,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string[]> {
    return ctx.disclosures.needs(referral, operationOf(info));
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When the person is expected to leave: null unless a consent covers the discharge plan for you. Every read is logged.',
  })
  expectedDischargeAt(
    @Root() referral: Referral,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Date | null> {
    return ctx.disclosures.expectedDischargeAt(referral, operationOf(info));
  }

  @FieldResolver(() => Boolean, {
    description:
      'The person may not be contacted directly (go through the referrer or the peer): shown to everyone who sees the referral.',
  })
  doNotContact(@Root() referral: Referral): boolean {
    return !referral.personContactAllowed;
  }

  @FieldResolver(() => ReferralOutcomeView, {
    nullable: true,
    description: 'Recorded when it is completed or fails; its note only if you may see the person.',
  })
  outcome(
    @Root() referral: Referral,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReferralOutcomeView | null> {
    return ctx.disclosures.outcome(referral, operationOf(info));
  }

  @FieldResolver(() => [ReferralStatus], { description: 'The statuses you may move it to now.' })
  allowedTransitions(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): ReferralStatus[] {
    return allowedTransitions(referral.status, ctx.referrals.involvement(referral));
  }

  @FieldResolver(() => GraphQLJSON, {
    description:
      'The referral as a FHIR R4 Bundle (ServiceRequest, Task, Consent, and Patient when disclosed to you); typed reasons and outcome text only if you may see the person.',
  })
  fhir(@Root() referral: Referral, @Ctx() ctx: ReferralsContext, @Info() info: GraphQLResolveInfo) {
    return ctx.disclosures.fhir(referral, operationOf(info));
  }
}

/** A change in a referral's history: its free-text reason is disclosed like the person. */
@Resolver(() => ReferralEvent)
export class ReferralEventResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Why, in words: null unless you may see the person or wrote it yourself (see reasonCode). Every read is logged.',
  })
  reason(
    @Root() event: ReferralEvent,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    return ctx.disclosures.eventReason(event, operationOf(info));
  }
}
