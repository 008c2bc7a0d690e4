import type { Knex } from '@mikro-orm/postgresql';
import { localDay } from '../../clock/business-hours';
import { responseTargets } from '../../clock/organization-clock';
import type { NotificationEventRow } from '../notification-event';
import { mailEvent, type EmailSettings } from './email-channel';
import { digestMail } from './email-messages';
import { loadPreferences } from './preferences';

interface Pending {
  user_id: string;
  organization_id: string | null;
}

type Item = NotificationEventRow & { item_id: string; audience: string };

/** People looked at per round. */
const BATCH = 200;

/**
 * The daily digests: a person's waiting events in one mail, once a local day, at their hour (in
 * their time zone, else their organization's, else the default). The day's row in
 * `notification_digest` is written in the same transaction that takes the items (SKIP LOCKED) and
 * marks them sent, so two processes never send one person's day twice; a mail that fails rolls all
 * of it back and the next round tries again. Events that arrive after the day's hour wait for the
 * next day's digest.
 */
export class DigestSender {
  constructor(
    private readonly db: Knex,
    private readonly settings: EmailSettings,
  ) {}

  /** One round; returns how many digests it sent. */
  async sendDue(): Promise<number> {
    const now = this.settings.clock.now();
    const pending = (
      await this.db.raw<{ rows: Pending[] }>(
        `select distinct on (user_id) user_id, organization_id from notification_digest_item
          where digest_id is null and created_at <= ? order by user_id, created_at desc limit ?`,
        [now, BATCH],
      )
    ).rows;
    if (!pending.length) return 0;
    const preferences = await loadPreferences(
      this.db,
      pending.map((p) => p.user_id),
    );
    const zones = await responseTargets(
      this.db,
      pending.flatMap((p) => (p.organization_id ? [p.organization_id] : [])),
      this.settings.defaults,
    );
    let sent = 0;
    for (const person of pending) {
      const prefs = preferences.get(person.user_id)!;
      const timeZone =
        prefs.timeZone ??
        (person.organization_id ? zones.get(person.organization_id)?.timeZone : undefined) ??
        this.settings.defaults.timeZone;
      const { day, at } = localDay(now, timeZone, prefs.digestHour);
      if (now < at) continue;
      try {
        if (await this.sendOne(person.user_id, day, at, prefs.language, timeZone)) sent++;
      } catch (error) {
        this.settings.logger.warn({ err: error }, 'a daily digest could not be sent; will retry');
      }
    }
    return sent;
  }

  private sendOne(
    userId: string,
    day: string,
    before: Date,
    language: 'en' | 'es',
    timeZone: string,
  ): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const [digest] = (
        await trx.raw<{ rows: { id: string }[] }>(
          `insert into notification_digest (user_id, period) values (?, ?)
           on conflict do nothing returning id`,
          [userId, day],
        )
      ).rows;
      if (!digest) return false; // today's was sent: the rest waits for tomorrow's
      const items = (
        await trx.raw<{ rows: Item[] }>(
          `select e.*, i.id as item_id, i.audience from notification_digest_item i
             join notification_event e on e.id = i.event_id
            where i.user_id = ? and i.digest_id is null and i.created_at < ?
            order by e.occurred_at, e.id for update of i skip locked`,
          [userId, before],
        )
      ).rows;
      if (!items.length) {
        await trx.raw('delete from notification_digest where id = ?', [digest.id]);
        return false;
      }
      const [person] = await this.settings.recipients.find({ userIds: [userId] });
      if (person) {
        const events = items.map((i) => mailEvent(i, i.audience, this.settings.publicUrl));
        const mail = digestMail(events, { displayName: person.displayName, language, timeZone });
        await this.settings.mailer.send({ to: person.email, ...mail });
      }
      await trx.raw(
        'update notification_digest_item set digest_id = ? where id = any(?::bigint[])',
        [digest.id, items.map((i) => i.item_id)],
      );
      return true;
    });
  }
}
