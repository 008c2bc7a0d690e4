import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kit/schema';
import { AccessLogResolver } from './access-log/access-log.resolver';
import { ReferralClockResolver } from './clock/referral-clock.resolver';
import { ConsentResolver } from './consent/consent.resolver';
import type { ReferralsContext } from './context';
import { NotificationPreferencesResolver } from './notification/email/preferences.resolver';
import { NotificationResolver } from './notification/notification.resolver';
import { ReferralEventResolver, ReferralResolver } from './referral/referral.resolver';
import {
  FOREIGN_REFERENCE_RESOLVERS,
  OrganizationReferralsResolver,
  PeerReferralsResolver,
  ResourceReferralsResolver,
} from './refs/refs.resolver';
import { ReferralStatsResolver } from './stats/referral-stats.resolver';
import { WebhookResolver } from './webhook/webhook.resolver';

type Ref = { id: string };

let schema: Promise<GraphQLSchema> | undefined;

/** The referrals subgraph schema (built once per process; type-graphql metadata is global). */
export function referralsSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({
    resolvers: [
      ReferralResolver,
      ReferralEventResolver,
      ConsentResolver,
      AccessLogResolver,
      ReferralStatsResolver,
      NotificationResolver,
      NotificationPreferencesResolver,
      ReferralClockResolver,
      WebhookResolver,
      OrganizationReferralsResolver,
      ResourceReferralsResolver,
      PeerReferralsResolver,
    ],
    referenceResolvers: {
      // NOT_FOUND, as from referral(id), for a referral the caller may not see: ids leak nothing.
      Referral: {
        __resolveReference: (ref: Ref, ctx: ReferralsContext) => ctx.referrals.get(ref.id),
      },
      ...FOREIGN_REFERENCE_RESOLVERS,
    },
  });
  return schema;
}
