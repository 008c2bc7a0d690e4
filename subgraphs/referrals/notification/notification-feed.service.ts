import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, UnauthenticatedError } from '../../kit/errors';
import { hasRole, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { keysetPage, type KeysetKey, type Page } from '../../kit/pagination';
import type { ReferralStatus } from '../referral/referral.enums';
import { NotificationType } from './notification-event';
import type { Notification } from './notification.types';

const MESSAGES: Record<NotificationType, string> = {
  [NotificationType.REFERRAL_REQUESTED]: 'A referral was sent',
  [NotificationType.REFERRAL_ACCEPTED]: 'A referral was accepted',
  [NotificationType.REFERRAL_REJECTED]: 'A referral was declined',
  [NotificationType.REFERRAL_ON_HOLD]: 'A referral was put on hold',
  [NotificationType.REFERRAL_IN_PROGRESS]: 'A referral is in progress',
  [NotificationType.REFERRAL_COMPLETED]: 'A referral was completed',
  [NotificationType.REFERRAL_FAILED]: 'A referral could not be completed',
  [NotificationType.REFERRAL_CANCELLED]: 'A referral was cancelled',
  [NotificationType.REFERRAL_ENTERED_IN_ERROR]: 'A referral was marked entered in error',
  [NotificationType.NOTE_ADDED]: 'A note was added to a referral',
  [NotificationType.PEER_ASSIGNED]: 'The peer of a referral changed',
  [NotificationType.CONSENT_REVOKED]: 'A consent on a referral was revoked',
  [NotificationType.REFERRAL_RESPONSE_DUE]: 'A referral is waiting for an answer',
  [NotificationType.REFERRAL_OVERDUE]: 'A referral is past its response target',
  [NotificationType.REFERRAL_DISCHARGE_URGENT]:
    'A referral is not accepted and the person is expected out within 24 hours',
  [NotificationType.WEBHOOK_ENDPOINT_DISABLED]:
    'A webhook endpoint was disabled: its deliveries kept failing or it is gone',
};

/** What the feed says a notification is, from its type alone (mail words its own, in en and es). */
export function notificationMessage(type: NotificationType): string {
  return MESSAGES[type];
}

/** Where the app shows a referral to this audience (an organization's own settings: /org). */
export function notificationLink(audience: string, referralId: string | null): string {
  if (referralId === null) return '/org';
  return audience === 'ORGANIZATION'
    ? `/inbox?referral=${encodeURIComponent(referralId)}`
    : `/referrals/${referralId}`;
}

interface Row {
  id: string;
  type: NotificationType;
  referral_id: string | null;
  resource_id: string | null;
  status: string;
  occurred_at: string;
  audience: string;
  read: boolean;
}

const MAX_MARK = 500;

/**
 * The caller's notifications: those of their own user (the referrals they created), of their
 * organization when they are one of its partners (referrals it receives) and of their peer profile
 * when they are that peer (referrals they are assigned). Their own changes are left out. Read marks
 * are each person's own, also on an organization's notifications.
 */
export class NotificationFeedService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  private mine(): { where: string; params: unknown[]; sub: string } {
    const sub = this.identity.sub;
    if (!sub) throw new UnauthenticatedError('Sign in to see notifications.');
    const org = hasRole(this.identity, 'partner') ? this.identity.org : null;
    const peer = hasRole(this.identity, 'peer') ? this.identity.peer : null;
    return {
      sub,
      where: `((n.audience = 'USER' and n.audience_id = ?)
          or (n.audience = 'ORGANIZATION' and n.audience_id = ?)
          or (n.audience = 'PEER' and n.audience_id = ?))
        and e.actor <> ?`,
      params: [sub, org, peer, sub],
    };
  }

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, params);
  }

  async page(
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<Notification>> {
    const { where, params, sub } = this.mine();
    const from = `from notification n join notification_event e on e.id = n.event_id
      where ${where}`;
    return keysetPage<Notification>({
      first,
      after,
      cursorField: 'occurredAt',
      sortValue: (n) => n.occurredAt.toISOString(),
      validSortValue: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
      rows: async (cursor: KeysetKey | undefined, limit: number) => {
        const found = await this.rows<Row>(
          `select n.id, e.type, e.referral_id, e.status, e.occurred_at, n.audience,
              (select f.resource_id from referral f where f.id = e.referral_id) as resource_id,
              exists (select 1 from notification_read r where r.notification_id = n.id and r.reader = ?) as read
           ${from} ${cursor ? 'and (e.occurred_at, n.id) < (?::timestamptz, ?::uuid)' : ''}
           order by e.occurred_at desc, n.id desc limit ?`,
          [sub, ...params, ...(cursor ? [String(cursor.value), cursor.id] : []), limit],
        );
        return found.map((r) => ({
          id: r.id,
          type: r.type,
          referralId: r.referral_id,
          resourceId: r.resource_id,
          status: r.referral_id === null ? null : (r.status as ReferralStatus),
          occurredAt: new Date(r.occurred_at),
          message: notificationMessage(r.type),
          link: notificationLink(r.audience, r.referral_id),
          read: r.read,
        }));
      },
      count: async () => {
        const [row] = await this.rows<{ count: string }>(`select count(*) ${from}`, params);
        return Number(row.count);
      },
    });
  }

  async unreadCount(): Promise<number> {
    const { where, params, sub } = this.mine();
    const [row] = await this.rows<{ count: string }>(
      `select count(*) from notification n join notification_event e on e.id = n.event_id
        where ${where} and not exists
          (select 1 from notification_read r where r.notification_id = n.id and r.reader = ?)`,
      [...params, sub],
    );
    return Number(row.count);
  }

  /**
   * Marks the caller's notifications among `ids` read and returns how many were marked now. Ids
   * that are not the caller's notifications are passed over, so ids tell nothing.
   */
  async markRead(ids: string[]): Promise<number> {
    const { where, params, sub } = this.mine();
    if (ids.length > MAX_MARK)
      throw new BadUserInputError(`must be at most ${MAX_MARK} ids`, 'ids');
    ids.forEach((id, i) => {
      if (!isUuid(id)) throw new BadUserInputError('is not a notification id', `ids[${i}]`);
    });
    if (ids.length === 0) return 0;
    const marked = await this.rows<{ notification_id: string }>(
      `insert into notification_read (notification_id, reader)
         select n.id, ? from notification n join notification_event e on e.id = n.event_id
          where n.id = any(?::uuid[]) and ${where}
       on conflict do nothing returning notification_id`,
      [sub, `{${ids.join(',')}}`, ...params],
    );
    return marked.length;
  }
}
