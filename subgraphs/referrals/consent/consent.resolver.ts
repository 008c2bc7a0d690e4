import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Resolver, Root } from 'type-graphql';
import { operationOf } from '../access-log/access-log.service';
import type { ReferralsContext } from '../context';
import { consentStatus } from './consent-rules';
import { ReferralConsent } from './consent.entity';
import { ConsentStatus } from './consent.enums';
import { ConsentInput } from './consent.inputs';

@Resolver(() => ReferralConsent)
export class ConsentResolver {
  @Mutation(() => ReferralConsent, {
    description: 'Records the consent the person signed (42 CFR Part 2).',
  })
  recordConsent(
    @Arg('referralId', () => ID) referralId: string,
    @Arg('input', () => ConsentInput) input: ConsentInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ReferralConsent> {
    return ctx.consents.record(referralId, input);
  }

  @Mutation(() => ReferralConsent, {
    description: 'Records that the person revoked consent; effective at once.',
  })
  revokeConsent(
    @Arg('consentId', () => ID) consentId: string,
    @Ctx() ctx: ReferralsContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ): Promise<ReferralConsent> {
    return ctx.consents.revoke(consentId, reason);
  }

  @FieldResolver(() => ConsentStatus)
  status(@Root() consent: ReferralConsent): ConsentStatus {
    return consentStatus(consent, new Date());
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Why it was revoked, in words: null unless you may see the person or recorded the revocation yourself.',
  })
  revocationReason(
    @Root() consent: ReferralConsent,
    @Ctx() ctx: ReferralsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    return ctx.disclosures.revocationReason(consent, operationOf(info));
  }
}
