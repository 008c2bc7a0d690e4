import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { actingRole } from '../access';
import { assertVersion, flushOrConflict } from '../../kit/orm-errors';
import { LIMITS } from '../validators';
import { checkTransition, CLOSED } from './referral-lifecycle';
import type { ReferralReadService } from './referral-read.service';
import { ReferralEvent } from './referral-event.entity';
import { ReferralNote } from './referral-note.entity';
import { ReferralEventKind, ReferralStatus } from './referral.enums';
import type { Referral } from './referral.entity';
import type { ReferralOutcomeInput } from './referral.inputs';

/** Moving a referral through its loop, assigning its peer, adding notes: each change an event. */
export class ReferralChangeService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly requestId: string,
    private readonly referrals: ReferralReadService,
  ) {}

  async transition(
    id: string,
    to: ReferralStatus,
    reason: string | null | undefined,
    expectedVersion: number,
    outcome: ReferralOutcomeInput | null | undefined,
    now = new Date(),
  ): Promise<Referral> {
    const referral = await this.referrals.get(id);
    assertVersion('This referral', referral.version, expectedVersion);
    const why = reason?.trim() || null;
    if (why && why.length > LIMITS.reason)
      throw new BadUserInputError(`must be at most ${LIMITS.reason} characters`, 'reason');
    const from = referral.status;
    const check = checkTransition(from, to, this.referrals.involvement(referral), {
      reason: why,
      outcome: !!outcome,
    });
    if (!check.ok) {
      switch (check.problem) {
        case 'WRONG_SIDE':
          throw new ForbiddenError(check.message);
        case 'ILLEGAL':
          throw new BadUserInputError(check.message, 'to');
        case 'REASON_REQUIRED':
          throw new BadUserInputError(check.message, 'reason');
        case 'OUTCOME_REQUIRED':
        case 'OUTCOME_NOT_ALLOWED':
          throw new BadUserInputError(check.message, 'outcome');
      }
    }
    referral.status = to;
    referral.statusReason = why;
    if (to === ReferralStatus.REQUESTED) referral.requestedAt ??= now;
    if (to === ReferralStatus.ACCEPTED) referral.acceptedAt ??= now;
    if (CLOSED.has(to)) referral.closedAt ??= now;
    if (outcome) {
      referral.outcomeCode = outcome.code;
      referral.outcomeNote = outcome.note?.trim() || null;
      referral.outcomeRecordedAt = now;
    }
    this.em.persist(
      this.event(referral, ReferralEventKind.STATUS_CHANGED, now, { from, to, reason: why }),
    );
    await flushOrConflict(this.em, 'This referral');
    return referral;
  }

  /** The referring side, the receiving organization or an admin assigns (or, with null, removes) the peer. */
  async assignPeer(
    id: string,
    peerId: string | null | undefined,
    expectedVersion?: number | null,
    now = new Date(),
  ) {
    const referral = await this.referrals.get(id);
    const who = this.referrals.involvement(referral);
    if (!who.referrer && !who.receiver && !who.admin) {
      throw new ForbiddenError(
        'Only the referring side, the receiving organization and admins assign peers.',
      );
    }
    assertVersion('This referral', referral.version, expectedVersion);
    const next = peerId?.trim() || null;
    if (next && next.length > 100)
      throw new BadUserInputError('must be at most 100 characters', 'peerId');
    if (CLOSED.has(referral.status)) {
      throw new BadUserInputError(
        `a referral that is ${referral.status.toLowerCase()} cannot be assigned a peer`,
        'referralId',
      );
    }
    if (next === referral.assignedPeerId) return referral;
    const detail = `peer ${referral.assignedPeerId ?? 'none'} → ${next ?? 'none'}`;
    referral.assignedPeerId = next;
    this.em.persist(this.event(referral, ReferralEventKind.PEER_ASSIGNED, now, { detail }));
    await flushOrConflict(this.em, 'This referral');
    return referral;
  }

  /** Anyone working the referral may add a note; notes do not change its version. */
  async addNote(id: string, body: string, now = new Date()): Promise<ReferralNote> {
    const referral = await this.referrals.get(id);
    const text = body.trim();
    if (!text) throw new BadUserInputError('must not be blank', 'body');
    if (text.length > LIMITS.note)
      throw new BadUserInputError(`must be at most ${LIMITS.note} characters`, 'body');
    const note = this.em.create(ReferralNote, {
      referralId: referral.id,
      body: text,
      author: this.identity.sub!,
      authorRole: actingRole(this.identity),
      authorOrganizationId: this.identity.org,
      createdAt: now,
    });
    this.em.persist(note);
    this.em.persist(
      this.event(referral, ReferralEventKind.NOTE_ADDED, now, { detail: `note ${note.id}` }),
    );
    await this.em.flush();
    return note;
  }

  private event(
    referral: Referral,
    kind: ReferralEventKind,
    at: Date,
    fields: { from?: ReferralStatus; to?: ReferralStatus; reason?: string | null; detail?: string },
  ): ReferralEvent {
    return this.em.create(ReferralEvent, {
      referralId: referral.id,
      kind,
      at,
      actor: this.identity.sub!,
      actorRole: actingRole(this.identity),
      actorOrganizationId: this.identity.org,
      requestId: this.requestId,
      from: fields.from ?? null,
      to: fields.to ?? null,
      reason: fields.reason ?? null,
      detail: fields.detail ?? null,
    });
  }
}
