import type { SubgraphContext } from '../kit/context';
import { ReferralClockService } from './clock/referral-clock.service';
import { AccessLogService } from './access-log/access-log.service';
import { ConsentService } from './consent/consent.service';
import type { DisclosureState } from './disclosure';
import { createLoaders, type Loaders } from './loaders';
import { NotificationPreferencesService } from './notification/email/preferences.service';
import { NotificationFeedService } from './notification/notification-feed.service';
import { ReferralChangeService } from './referral/referral-change.service';
import { ReferralDisclosureService } from './referral/referral-disclosure.service';
import { CreateReferralService } from './referral/referral-create.service';
import { ReferralReadService } from './referral/referral-read.service';
import type { ReferralsServices } from './services';
import { ReferralStatsService } from './stats/referral-stats.service';
import { WebhookDeliveryService } from './webhook/webhook-delivery.service';

export interface ReferralsContext extends SubgraphContext {
  referrals: ReferralReadService;
  creation: CreateReferralService;
  changes: ReferralChangeService;
  consents: ConsentService;
  accessLog: AccessLogService;
  /** What of a referred person the caller is shown; logs every disclosure. */
  disclosures: ReferralDisclosureService;
  stats: ReferralStatsService;
  /** The caller's in-app notifications. */
  notifications: NotificationFeedService;
  /** The caller's notification email settings. */
  preferences: NotificationPreferencesService;
  /** Response targets, deadlines and overdue referrals. */
  clock: ReferralClockService;
  /** An organization's webhook endpoints and their delivery log. */
  webhooks: WebhookDeliveryService;
  loaders: Loaders;
  /** Whether this response discloses a person's details (it then carries the re-disclosure notice). */
  disclosure: DisclosureState;
}

/**
 * The services of one request, sharing its entity manager (one unit of work per request), and the
 * subgraph's long-lived ones (the resource and peer directories).
 */
export function referralsContext(
  base: SubgraphContext,
  { directory, peers, responseTarget, clock, webhooks }: ReferralsServices,
): ReferralsContext {
  const { em, identity, requestId } = base;
  const loaders = createLoaders(em);
  const disclosure: DisclosureState = { disclosed: false };
  const referrals = new ReferralReadService(em, identity, loaders);
  const accessLog = new AccessLogService(em, identity, requestId, disclosure);
  return {
    ...base,
    referrals,
    creation: new CreateReferralService(em, identity, requestId, directory, peers),
    changes: new ReferralChangeService(
      em,
      identity,
      requestId,
      referrals,
      loaders,
      peers,
      accessLog,
    ),
    consents: new ConsentService(em, identity, requestId, referrals, peers),
    accessLog,
    disclosures: new ReferralDisclosureService(identity, loaders, accessLog),
    stats: new ReferralStatsService(em, identity, () => clock.now()),
    notifications: new NotificationFeedService(em, identity),
    preferences: new NotificationPreferencesService(em, identity, responseTarget),
    clock: new ReferralClockService(em, identity, responseTarget, clock),
    webhooks: new WebhookDeliveryService(em, identity, webhooks),
    loaders,
    disclosure,
  };
}
