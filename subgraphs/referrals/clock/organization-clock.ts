import type { Knex } from '@mikro-orm/postgresql';
import type { ResponseTarget } from './business-hours';

interface Row {
  organization_id: string;
  target_business_days: string;
  time_zone: string;
  opens_minute: number;
  closes_minute: number;
  business_days: number[];
}

/**
 * The response target of each organization: its own row, or `defaults`. The referrals subgraph
 * keeps these: the target is a referral-handling policy its clock applies, and reading another
 * subgraph's tables is not allowed (an organization sets it with setResponseTarget).
 */
export async function responseTargets(
  db: Knex | Knex.Transaction,
  organizationIds: string[],
  defaults: ResponseTarget,
): Promise<Map<string, ResponseTarget>> {
  const ids = [...new Set(organizationIds)];
  const found = ids.length
    ? (
        await db.raw<{ rows: Row[] }>(
          'select * from organization_clock where organization_id::text = any(?::text[])',
          [ids],
        )
      ).rows
    : [];
  const byOrg = new Map(found.map((r) => [r.organization_id, r]));
  return new Map(
    ids.map((id) => {
      const r = byOrg.get(id);
      return [
        id,
        r
          ? {
              targetBusinessDays: Number(r.target_business_days),
              timeZone: r.time_zone,
              opensMinute: r.opens_minute,
              closesMinute: r.closes_minute,
              days: r.business_days,
            }
          : defaults,
      ];
    }),
  );
}

export async function saveResponseTarget(
  db: Knex | Knex.Transaction,
  organizationId: string,
  target: ResponseTarget,
): Promise<void> {
  await db.raw(
    `insert into organization_clock (organization_id, target_business_days, time_zone, opens_minute,
       closes_minute, business_days, updated_at) values (?, ?, ?, ?, ?, ?::int[], now())
     on conflict (organization_id) do update set target_business_days = excluded.target_business_days,
       time_zone = excluded.time_zone, opens_minute = excluded.opens_minute,
       closes_minute = excluded.closes_minute, business_days = excluded.business_days,
       updated_at = now()`,
    [
      organizationId,
      target.targetBusinessDays,
      target.timeZone,
      target.opensMinute,
      target.closesMinute,
      `{${target.days.join(',')}}`,
    ],
  );
}

/** What the clock reads the time from: the wall clock, or a clock a test moves. */
export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
