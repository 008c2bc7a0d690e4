import type { Knex } from '@mikro-orm/postgresql';
import { isUuid } from '../../../kit/ids';
import type { Logger } from '../../../kit/logger';
import type { Mailer } from '../../../kit/mailer';
import type { ResponseTarget } from '../../clock/business-hours';
import { responseTargets, type Clock } from '../../clock/organization-clock';
import type { NotificationChannel } from '../dispatcher';
import { eventAudiences, type Audience, type NotificationEventRow } from '../notification-event';
import { notificationLink } from '../notification-feed.service';
import { eventMail, type MailEvent } from './email-messages';
import { deliveryFor, EmailDelivery, loadPreferences } from './preferences';
import type { Recipient, RecipientDirectory } from './recipient-directory';

export interface EmailSettings {
  mailer: Mailer;
  recipients: RecipientDirectory;
  /** The web app's address: mails link into it. */
  publicUrl: string;
  /** Organizations without a target of their own count in this time zone. */
  defaults: ResponseTarget;
  clock: Clock;
  logger: Logger;
}

/** A recipient and why they are told: the same audience decides the link, as in the feed. */
export interface Addressed extends Recipient {
  audience: Audience;
}

/**
 * The people an event concerns, from the accounts subgraph: the referrer by user id, the assigned
 * peer by peer profile, the receiving organization's partners. Whoever made the change is not told
 * of it. A person in several audiences is mailed once, for the first (their own referral first).
 */
export async function addressees(
  event: NotificationEventRow,
  recipients: RecipientDirectory,
): Promise<Addressed[]> {
  const audiences = eventAudiences(event);
  // Only accounts' people have addresses (an API key or a service has none).
  const ids = (kind: Audience) =>
    audiences.filter(([a, id]) => a === kind && isUuid(id)).map(([, id]) => id);
  if (!audiences.some(([, id]) => isUuid(id))) return [];
  const found = await recipients.find({
    userIds: ids('USER'),
    peerIds: ids('PEER'),
    organizationId: ids('ORGANIZATION')[0] ?? null,
  });
  const out: Addressed[] = [];
  for (const person of found) {
    if (person.userId === event.actor) continue;
    const audience: Audience | undefined = ids('USER').includes(person.userId)
      ? 'USER'
      : person.peerId && ids('PEER').includes(person.peerId)
        ? 'PEER'
        : person.organizationId && ids('ORGANIZATION').includes(person.organizationId)
          ? 'ORGANIZATION'
          : undefined;
    if (audience) out.push({ ...person, audience });
  }
  return out;
}

export function mailEvent(
  event: Pick<NotificationEventRow, 'type' | 'referral_id' | 'status' | 'occurred_at'>,
  audience: string,
  publicUrl: string,
): MailEvent {
  return {
    type: event.type,
    referralId: event.referral_id,
    status: event.status,
    occurredAt: new Date(event.occurred_at),
    url: new URL(notificationLink(audience, event.referral_id), publicUrl).toString(),
  };
}

/**
 * Email: each person the event concerns gets it at once, in their daily digest, or not at all, as
 * they chose (at once by default). A mail server that is down makes the delivery throw and the
 * dispatcher retry it later; each person mailed is marked at once, outside the delivery's
 * transaction, so a retry mails only those not yet mailed. A digest item is written in the
 * delivery's transaction: it commits with the delivery.
 */
export class EmailChannel implements NotificationChannel {
  constructor(
    private readonly db: Knex,
    private readonly settings: EmailSettings,
  ) {}

  async deliver(event: NotificationEventRow, trx: Knex.Transaction): Promise<void> {
    const people = await addressees(event, this.settings.recipients);
    if (!people.length) return;
    const preferences = await loadPreferences(
      trx,
      people.map((p) => p.userId),
    );
    const mailed = new Set(
      (
        await trx.raw<{ rows: { user_id: string }[] }>(
          'select user_id from notification_email_sent where event_id = ?',
          [event.id],
        )
      ).rows.map((r) => r.user_id),
    );
    const zones = await responseTargets(
      trx,
      people.flatMap((p) => (p.organizationId ? [p.organizationId] : [])),
      this.settings.defaults,
    );
    for (const person of people) {
      const prefs = preferences.get(person.userId)!;
      const delivery = deliveryFor(prefs, event.type);
      if (delivery === EmailDelivery.OFF) continue;
      if (delivery === EmailDelivery.DIGEST) {
        await trx.raw(
          `insert into notification_digest_item (user_id, organization_id, event_id, audience, created_at)
             values (?, ?, ?, ?, ?) on conflict do nothing`,
          [
            person.userId,
            person.organizationId,
            event.id,
            person.audience,
            this.settings.clock.now(),
          ],
        );
        continue;
      }
      if (mailed.has(person.userId)) continue;
      const timeZone =
        prefs.timeZone ??
        (person.organizationId ? zones.get(person.organizationId)?.timeZone : undefined) ??
        this.settings.defaults.timeZone;
      const mail = eventMail(mailEvent(event, person.audience, this.settings.publicUrl), {
        displayName: person.displayName,
        language: prefs.language,
        timeZone,
      });
      await this.settings.mailer.send({ to: person.email, ...mail });
      await this.db.raw(
        'insert into notification_email_sent (event_id, user_id) values (?, ?) on conflict do nothing',
        [event.id, person.userId],
      );
    }
  }
}
