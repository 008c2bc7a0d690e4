import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../../kit/errors';
import { hasRole, isAdmin, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { ReferralStatus } from '../referral/referral.enums';
import type { ReferralStats } from './referral-stats.types';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 3_660;
/** No referral predates this or comes after the last day Postgres and ISO 8601 years share. */
const EARLIEST = new Date('1900-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T00:00:00Z');
const STATUSES = Object.values(ReferralStatus).filter((s) => s !== ReferralStatus.DRAFT);

interface Row {
  key: string | null;
  sent: number;
  accepted: number;
  accept_s: number | null;
  complete_s: number | null;
  accept_p50: number | null;
  accept_p90: number | null;
  close_p50: number | null;
  close_p90: number | null;
  within: number;
  judged: number;
  overdue: number;
  [status: string]: number | string | null;
}

export interface Window {
  from: Date;
  to: Date;
}

/** [from, to), the last 30 days by default; at most ten years. */
export function statsWindow(from?: Date | null, to?: Date | null, now = new Date()): Window {
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - DEFAULT_DAYS * 86_400_000);
  for (const [name, date] of [
    ['from', start],
    ['to', end],
  ] as const) {
    // Without from, the start comes from to: to is what was wrong.
    if (date < EARLIEST || date > LATEST)
      throw new BadUserInputError(
        `must be between ${EARLIEST.toISOString()} and ${LATEST.toISOString()}`,
        name === 'from' && !from ? 'to' : name,
      );
  }
  if (start >= end) throw new BadUserInputError('must be before to', 'from');
  if (end.getTime() - start.getTime() > MAX_DAYS * 86_400_000) {
    throw new BadUserInputError(`the window must be at most ${MAX_DAYS} days`, 'from');
  }
  return { from: start, to: end };
}

const hours = (seconds: number | null) =>
  seconds === null ? null : Math.round((Number(seconds) / 3600) * 100) / 100;

function toStats(row: Row | undefined, window: Window): ReferralStats {
  const n = (key: string) => Number(row?.[key] ?? 0);
  const accepted = n('accepted');
  const rejected = n(ReferralStatus.REJECTED);
  return {
    ...window,
    sent: n('sent'),
    byStatus: STATUSES.map((status) => ({ status, count: n(status) })),
    accepted,
    rejected,
    completed: n(ReferralStatus.COMPLETED),
    failed: n(ReferralStatus.FAILED),
    acceptanceRate:
      accepted + rejected ? Math.round((accepted / (accepted + rejected)) * 10_000) / 10_000 : null,
    medianHoursToAcceptance: hours(row?.accept_s ?? null),
    medianHoursToCompletion: hours(row?.complete_s ?? null),
    hoursToAccept: { p50: hours(row?.accept_p50 ?? null), p90: hours(row?.accept_p90 ?? null) },
    hoursToClose: { p50: hours(row?.close_p50 ?? null), p90: hours(row?.close_p90 ?? null) },
    answeredWithinTarget: n('judged')
      ? Math.round((n('within') / n('judged')) * 10_000) / 10_000
      : null,
    overdue: n('overdue'),
  };
}

/** One statement for any number of groups: counts by status, acceptance, medians. */
async function statsRows(
  em: EntityManager,
  group: 'resource_id' | 'receiving_org_id' | null,
  keys: string[] | null,
  window: Window,
  receivingOrgId: string | null,
  now: Date,
): Promise<Row[]> {
  const byStatus = STATUSES.map(
    (s) => `count(*) filter (where status = '${s}')::int as "${s}"`,
  ).join(', ');
  const where = ['r.requested_at >= ?', 'r.requested_at < ?'];
  const params: unknown[] = [now, now, window.from, window.to];
  if (group && keys) {
    where.push(`r.${group} in (?)`);
    params.push(keys);
  }
  if (receivingOrgId) {
    where.push('r.receiving_org_id = ?');
    params.push(receivingOrgId);
  }
  return em.getConnection().execute<Row[]>(
    `select ${group ? `r.${group}::text` : 'null'} as key,
       count(*)::int as sent,
       count(*) filter (where accepted_at is not null)::int as accepted,
       ${byStatus},
       percentile_cont(0.5) within group (order by extract(epoch from accepted_at - r.requested_at))
         filter (where accepted_at is not null) as accept_s,
       percentile_cont(0.5) within group (order by extract(epoch from closed_at - r.requested_at))
         filter (where status = 'COMPLETED') as complete_s,
       percentile_cont(0.5) within group (order by extract(epoch from accepted_at - r.requested_at))
         filter (where accepted_at is not null) as accept_p50,
       percentile_cont(0.9) within group (order by extract(epoch from accepted_at - r.requested_at))
         filter (where accepted_at is not null) as accept_p90,
       percentile_cont(0.5) within group (order by extract(epoch from closed_at - r.requested_at))
         filter (where closed_at is not null) as close_p50,
       percentile_cont(0.9) within group (order by extract(epoch from closed_at - r.requested_at))
         filter (where closed_at is not null) as close_p90,
       count(*) filter (where c.respond_by is not null and a.answered_at <= c.respond_by)::int as within,
       count(*) filter (where c.respond_by is not null
         and (a.answered_at is not null or (status = 'REQUESTED' and c.respond_by <= ?)))::int as judged,
       count(*) filter (where status = 'REQUESTED' and c.respond_by <= ?)::int as overdue
     from referral r left join referral_clock c on c.referral_id = r.id
       cross join lateral (select coalesce(r.accepted_at,
         case when r.status = 'REJECTED' then r.closed_at end) as answered_at) a
     where ${where.join(' and ')}${group ? ' group by 1' : ''}`,
    params,
  );
}

/** Referral statistics for network leads (admins) and for partners about their own organization. */
export class ReferralStatsService {
  private readonly byResource = new DataLoader<string, ReferralStats>(async (keys) => {
    const parsed = keys.map(
      (k) => JSON.parse(k) as { id: string; from: string; to: string; org: string | null },
    );
    const out = new Map<string, ReferralStats>();
    const groups = new Map<string, typeof parsed>();
    for (const p of parsed) {
      const g = `${p.from}|${p.to}|${p.org ?? ''}`;
      groups.set(g, [...(groups.get(g) ?? []), p]);
    }
    for (const members of groups.values()) {
      const { from, to, org } = members[0];
      const window = { from: new Date(from), to: new Date(to) };
      const rows = await statsRows(
        this.em,
        'resource_id',
        members.map((m) => m.id),
        window,
        org,
        this.now(),
      );
      const byKey = new Map(rows.map((r) => [r.key, r]));
      for (const m of members) out.set(JSON.stringify(m), toStats(byKey.get(m.id), window));
    }
    return keys.map((k) => out.get(k)!);
  });

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    /** "Overdue" is as of this clock's now. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One organization's referrals received, or (admins, no orgId) the whole network's. */
  async forOrganization(orgId: string | null | undefined, window: Window): Promise<ReferralStats> {
    if (!this.identity.sub) throw new UnauthenticatedError();
    const admin = isAdmin(this.identity);
    const partnerOrg = hasRole(this.identity, 'partner') ? this.identity.org : null;
    const target = orgId ?? (admin ? null : partnerOrg);
    if (!admin && (!partnerOrg || target !== partnerOrg)) {
      throw new ForbiddenError(
        'Only admins, and partners about their own organization, may read referral statistics.',
      );
    }
    if (target !== null && !isUuid(target)) return toStats(undefined, window);
    const rows = await statsRows(this.em, null, null, window, target, this.now());
    return toStats(rows[0], window);
  }

  /**
   * A listing's referrals, for admins and its own organization's partners (the organization comes
   * from the resources subgraph through `@requires`); null for anyone else.
   */
  async forResource(
    resource: { id: string; organization?: { id: string } | null },
    window: Window,
  ) {
    if (!this.identity.sub || !isUuid(resource.id)) return null;
    const admin = isAdmin(this.identity);
    const owner = resource.organization?.id;
    const partner = hasRole(this.identity, 'partner') && !!owner && this.identity.org === owner;
    if (!admin && !partner) return null;
    // A partner counts only what was sent to their organization, whatever the representation says.
    const org = admin ? null : this.identity.org;
    return this.byResource.load(
      JSON.stringify({
        id: resource.id,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        org,
      }),
    );
  }
}
