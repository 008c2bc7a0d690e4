import type { Knex } from '@mikro-orm/postgresql';
import { NotificationType } from '../notification/notification-event';

/** Why an endpoint stopped receiving: its owner said so, it answered 410 Gone, or it kept failing. */
export type DisabledReason = 'MANUAL' | 'GONE' | 'FAILING';

/** The actor of notices the webhook sender writes. */
export const WEBHOOKS_ACTOR = 'system:webhooks';

/**
 * Disables an endpoint the sender gave up on and tells its organization: a notice in the feed of
 * its partners (the people who manage its endpoints), linking to the organization's page. Once: an
 * endpoint already disabled is left as it is.
 */
export async function notifyEndpointDisabled(
  trx: Knex.Transaction,
  endpoint: { id: string; organization_id: string },
  reason: Exclude<DisabledReason, 'MANUAL'>,
): Promise<void> {
  const disabled = await trx.raw<{ rowCount: number }>(
    `update webhook_endpoint set enabled = false, disabled_reason = ?, disabled_at = now(),
       updated_at = now() where id = ? and enabled`,
    [reason, endpoint.id],
  );
  if (disabled.rowCount === 0) return;
  await trx.raw(
    `with e as (
       insert into notification_event (type, status, occurred_at, actor, referrer, receiving_org_id,
         webhook_endpoint_id)
       values (?, ?, now(), ?, ?, ?, ?) returning id)
     insert into notification (event_id, audience, audience_id)
       select id, 'ORGANIZATION', ? from e`,
    [
      NotificationType.WEBHOOK_ENDPOINT_DISABLED,
      reason,
      WEBHOOKS_ACTOR,
      WEBHOOKS_ACTOR,
      endpoint.organization_id,
      endpoint.id,
      endpoint.organization_id,
    ],
  );
}
