import type { Knex } from '@mikro-orm/postgresql';
import { NotificationType } from '../notification/notification-event';
import { referralDeadlines, type ResponseTarget } from './business-hours';
import { responseTargets, type Clock } from './organization-clock';

/** The actor of the clock's events: no person made them, so everyone concerned is told. */
export const CLOCK_ACTOR = 'service:referrals-clock';

/** Sent referrals given their deadlines per round. */
const BATCH = 1000;

interface Unclocked {
  id: string;
  receiving_org_id: string;
  requested_at: string;
}

/**
 * The referral clock. Each round, under a transaction-level advisory lock (one process sweeps at a
 * time; the others skip the round): gives each newly sent referral its deadlines (half the target:
 * remind; the target: overdue), then writes the events that fell due, each once per referral and
 * type (a unique index; a second sweep writes nothing), with a delivery on every channel:
 * - still REQUESTED at its reminder time: REFERRAL_RESPONSE_DUE to the organization;
 * - still REQUESTED past its target: REFERRAL_OVERDUE to the referrer;
 * - expected discharge within 24 hours and not accepted: REFERRAL_DISCHARGE_URGENT to both sides
 *   (a discharge more than a day past is left alone: too late to help).
 */
export class ClockSweep {
  constructor(
    private readonly db: Knex,
    private readonly defaults: ResponseTarget,
    private readonly clock: Clock,
  ) {}

  /** One round; returns how many events it wrote (0 when another process holds the lock). */
  sweepOnce(): Promise<number> {
    return this.db.transaction(async (trx) => {
      const [{ locked }] = (
        await trx.raw<{ rows: { locked: boolean }[] }>(
          `select pg_try_advisory_xact_lock(hashtext('referral_clock')) as locked`,
        )
      ).rows;
      if (!locked) return 0;
      const now = this.clock.now();
      await this.giveDeadlines(trx);
      const written = (
        await trx.raw<{ rows: { id: string }[] }>(
          `with due as (
             select r.id, ?::text as type from referral r join referral_clock c on c.referral_id = r.id
              where r.status = 'REQUESTED' and c.remind_at <= ? and c.respond_by > ?
             union all
             select r.id, ? from referral r join referral_clock c on c.referral_id = r.id
              where r.status = 'REQUESTED' and c.respond_by <= ?
             union all
             select r.id, ? from referral r
              where r.status = 'REQUESTED' and r.expected_discharge_at is not null
                and r.expected_discharge_at <= ?::timestamptz + interval '24 hours'
                and r.expected_discharge_at > ?::timestamptz - interval '24 hours')
           insert into notification_event (referral_event_id, referral_id, type, status, occurred_at,
             actor, referrer, referrer_org_id, receiving_org_id, assigned_peer_id)
           select null, r.id, due.type, r.status, ?, ?, r.created_by, r.referrer_org_id,
             r.receiving_org_id, r.assigned_peer_id
             from due join referral r on r.id = due.id
           on conflict (referral_id, type) where referral_event_id is null do nothing
           returning id`,
          [
            NotificationType.REFERRAL_RESPONSE_DUE,
            now,
            now,
            NotificationType.REFERRAL_OVERDUE,
            now,
            NotificationType.REFERRAL_DISCHARGE_URGENT,
            now,
            now,
            now,
            CLOCK_ACTOR,
          ],
        )
      ).rows;
      if (!written.length) return 0;
      await trx.raw(
        `insert into notification_delivery (event_id, channel)
           select e, name from unnest(?::bigint[]) as e, notification_channel`,
        [written.map((w) => w.id)],
      );
      await trx.raw(`select pg_notify('notification_delivery', ?)`, [written[0].id]);
      return written.length;
    });
  }

  /** Deadlines for sent referrals the clock has not seen yet, from their organization's target. */
  private async giveDeadlines(trx: Knex.Transaction): Promise<void> {
    const fresh = (
      await trx.raw<{ rows: Unclocked[] }>(
        `select r.id, r.receiving_org_id, r.requested_at from referral r
          where r.requested_at is not null
            and not exists (select 1 from referral_clock c where c.referral_id = r.id)
          order by r.requested_at limit ?`,
        [BATCH],
      )
    ).rows;
    if (!fresh.length) return;
    const targets = await responseTargets(
      trx,
      fresh.map((r) => r.receiving_org_id),
      this.defaults,
    );
    const deadlines = fresh.map((r) => {
      const requestedAt = new Date(r.requested_at);
      return {
        id: r.id,
        requestedAt,
        ...referralDeadlines(requestedAt, targets.get(r.receiving_org_id)!),
      };
    });
    await trx.raw(
      `insert into referral_clock (referral_id, requested_at, remind_at, respond_by)
         select * from unnest(?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])
       on conflict do nothing`,
      [
        deadlines.map((d) => d.id),
        deadlines.map((d) => d.requestedAt.toISOString()),
        deadlines.map((d) => d.remindAt.toISOString()),
        deadlines.map((d) => d.respondBy.toISOString()),
      ],
    );
  }
}
