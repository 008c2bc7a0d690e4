import type { Knex } from '@mikro-orm/postgresql';
import type { NotificationChannel } from './dispatcher';
import { eventAudiences, type NotificationEventRow } from './notification-event';

/**
 * The in-app feed: one notification per audience the event concerns, as it was at the event
 * (eventAudiences: the referrer, the receiving organization, the peer assigned then). Written in the dispatcher's transaction; the
 * unique key makes a second delivery of the same event a no-op.
 */
export class FeedChannel implements NotificationChannel {
  async deliver(event: NotificationEventRow, trx: Knex.Transaction): Promise<void> {
    const audiences = eventAudiences(event);
    await trx.raw(
      `insert into notification (event_id, audience, audience_id)
         select ?::bigint, a, i from unnest(?::text[], ?::text[]) as t(a, i)
       on conflict do nothing`,
      [event.id, audiences.map((a) => a[0]), audiences.map((a) => a[1])],
    );
  }
}
