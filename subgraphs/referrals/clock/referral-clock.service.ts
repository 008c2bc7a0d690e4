import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../../kit/errors';
import { hasRole, isAdmin, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import type { Referral } from '../referral/referral.entity';
import { ReferralStatus } from '../referral/referral.enums';
import { isTimeZone, referralDeadlines, type ResponseTarget } from './business-hours';
import { responseTargets, saveResponseTarget, type Clock } from './organization-clock';

/**
 * A referral's place on the clock, for its readers: when it must be answered by, and whether it is
 * overdue. The deadline is the one the sweep fixed when it first saw the referral, or (before the
 * sweep has) the same computation from its organization's target.
 */
export class ReferralClockService {
  private readonly knex = () => this.em.getConnection().getKnex();

  private readonly stored = new DataLoader<string, Date | null>(async (ids) => {
    const rows = await this.em
      .getConnection()
      .execute<{ referral_id: string; respond_by: Date }[]>(
        'select referral_id, respond_by from referral_clock where referral_id = any(?::uuid[])',
        [`{${ids.join(',')}}`],
      );
    const byId = new Map(rows.map((r) => [r.referral_id, new Date(r.respond_by)]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  private readonly targets = new DataLoader<string, ResponseTarget>(async (orgs) => {
    const found = await responseTargets(this.knex(), [...orgs], this.defaults);
    return orgs.map((o) => found.get(o) ?? this.defaults);
  });

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly defaults: ResponseTarget,
    private readonly clock: Clock,
  ) {}

  /** Null for a referral not sent (a draft). */
  async respondBy(referral: Referral): Promise<Date | null> {
    if (!referral.requestedAt) return null;
    const stored = await this.stored.load(referral.id);
    if (stored) return stored;
    return referralDeadlines(referral.requestedAt, await this.targets.load(referral.receivingOrgId))
      .respondBy;
  }

  /** Still waiting for the organization's answer past its response target. */
  async overdue(referral: Referral): Promise<boolean> {
    if (referral.status !== ReferralStatus.REQUESTED) return false;
    const by = await this.respondBy(referral);
    return !!by && this.clock.now() >= by;
  }

  /** An organization's response target: its own, or the default. Its partners and admins. */
  async target(organizationId: string): Promise<ResponseTarget> {
    this.mayManage(organizationId);
    return this.targets.load(organizationId);
  }

  async setTarget(organizationId: string, target: ResponseTarget): Promise<ResponseTarget> {
    this.mayManage(organizationId);
    if (!isTimeZone(target.timeZone))
      throw new BadUserInputError(
        'must be an IANA time zone such as America/Los_Angeles',
        'timeZone',
      );
    if (!(target.targetBusinessDays > 0 && target.targetBusinessDays <= 30))
      throw new BadUserInputError('must be more than 0 and at most 30', 'targetBusinessDays');
    for (const [field, minute] of [
      ['opensAt', target.opensMinute],
      ['closesAt', target.closesMinute],
    ] as const) {
      if (!Number.isInteger(minute) || minute < 0 || minute > 1440)
        throw new BadUserInputError('must be a time of day, HH:MM', field);
    }
    if (target.opensMinute >= target.closesMinute)
      throw new BadUserInputError('must be after opensAt', 'closesAt');
    if (!target.days.length || target.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
      throw new BadUserInputError('must name at least one weekday, 1 (Monday) to 7', 'days');
    const days = [...new Set(target.days)].sort();
    await saveResponseTarget(this.knex(), organizationId, { ...target, days });
    this.targets.clear(organizationId);
    return this.targets.load(organizationId);
  }

  private mayManage(organizationId: string): void {
    const { identity } = this;
    if (!identity.sub) throw new UnauthenticatedError();
    if (!isUuid(organizationId))
      throw new BadUserInputError('is not an organization id', 'organizationId');
    if (!isAdmin(identity) && !(hasRole(identity, 'partner') && identity.org === organizationId))
      throw new ForbiddenError(
        "Only this organization's partners and admins may read or set its response target.",
      );
  }
}
