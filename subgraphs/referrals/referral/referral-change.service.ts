import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { actingRole, peerAccess } from '../access';
import type { AccessLogService } from '../access-log/access-log.service';
import type { PeerDirectory } from '../directory/peer-directory.port';
import type { Loaders } from '../loaders';
import { assertVersion, flushOrConflict } from '../../kit/orm-errors';
import { LIMITS } from '../validators';
import { disclosedParts } from './referral-disclosure.service';
import { checkTransition, CLOSED } from './referral-lifecycle';
import type { ReferralReadService } from './referral-read.service';
import { ReferralEvent } from './referral-event.entity';
import { ReferralNote } from './referral-note.entity';
import { ReferralEventKind, type ReferralReasonCode, ReferralStatus } from './referral.enums';
import type { Referral } from './referral.entity';
import type { ReferralOutcomeInput } from './referral.inputs';

/** Moving a referral through its loop, assigning its peer, adding notes: each change an event. */
export class ReferralChangeService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly requestId: string,
    private readonly referrals: ReferralReadService,
    private readonly loaders: Loaders,
    private readonly peers: PeerDirectory,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * `reason.code` is what the lifecycle asks for (to reject, cancel, hold or fail) and what everyone
   * working the referral sees; `reason.text` is free text beside it, shown only to those who may see
   * the person.
   */
  async transition(
    id: string,
    to: ReferralStatus,
    reason: { code?: ReferralReasonCode | null; text?: string | null },
    expectedVersion: number,
    outcome: ReferralOutcomeInput | null | undefined,
    now = new Date(),
  ): Promise<Referral> {
    const referral = await this.referrals.get(id);
    assertVersion('This referral', referral.version, expectedVersion);
    const why = reason.text?.trim() || null;
    if (why && why.length > LIMITS.reason)
      throw new BadUserInputError(`must be at most ${LIMITS.reason} characters`, 'reason');
    const code = reason.code ?? null;
    const from = referral.status;
    const check = checkTransition(from, to, this.referrals.involvement(referral), {
      reason: code,
      outcome: !!outcome,
    });
    if (!check.ok) {
      switch (check.problem) {
        case 'WRONG_SIDE':
          throw new ForbiddenError(check.message);
        case 'ILLEGAL':
          throw new BadUserInputError(check.message, 'to');
        case 'REASON_REQUIRED':
          throw new BadUserInputError(check.message, 'reasonCode');
        case 'OUTCOME_REQUIRED':
        case 'OUTCOME_NOT_ALLOWED':
          throw new BadUserInputError(check.message, 'outcome');
      }
    }
    referral.status = to;
    referral.statusReason = why;
    referral.statusReasonCode = code;
    if (to === ReferralStatus.REQUESTED) referral.requestedAt ??= now;
    if (to === ReferralStatus.ACCEPTED) referral.acceptedAt ??= now;
    if (CLOSED.has(to)) referral.closedAt ??= now;
    if (outcome) {
      referral.outcomeCode = outcome.code;
      referral.outcomeNote = outcome.note?.trim() || null;
      referral.outcomeRecordedAt = now;
    }
    this.em.persist(
      this.event(referral, ReferralEventKind.STATUS_CHANGED, now, {
        from,
        to,
        reason: why,
        reasonCode: code,
      }),
    );
    await flushOrConflict(this.em, 'This referral');
    return referral;
  }

  /**
   * The referring side, the receiving organization or an admin assigns (or, with null, removes) the
   * peer. The peer must exist (the peers subgraph says so); a peer the consent does not name may be
   * assigned to do the work, and then sees nothing of the person. The change is in the history and
   * in the access log, with what the new peer may now see.
   */
  async assignPeer(
    id: string,
    peerId: string | null | undefined,
    expectedVersion?: number | null,
    operation = 'Mutation.assignPeer',
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
    if (next !== null && !isUuid(next)) throw new BadUserInputError('is not a peer id', 'peerId');
    if (CLOSED.has(referral.status)) {
      throw new BadUserInputError(
        `a referral that is ${referral.status.toLowerCase()} cannot be assigned a peer`,
        'referralId',
      );
    }
    if (next === referral.assignedPeerId) return referral;
    const peer = next === null ? null : await this.peers.peer(next);
    if (next !== null && !peer) throw new NotFoundError('Peer', next);
    const change = `peer ${referral.assignedPeerId ?? 'none'} → ${next ?? 'none'}`;
    let opened: string[] = [];
    if (peer) {
      const consents = await this.loaders.consents.load(referral.id);
      const access = peerAccess(
        { peerId: peer.id, peerOrganizationId: peer.organizationId },
        referral,
        consents,
        now,
      );
      opened = disclosedParts(access);
    }
    referral.assignedPeerId = next;
    referral.assignedPeerOrgId = peer?.organizationId ?? null;
    const covered = opened.length
      ? `; the consent covers this peer for ${opened.join(', ')}`
      : peer
        ? '; no consent covers this peer: they see nothing of the person'
        : '';
    this.em.persist(
      this.event(referral, ReferralEventKind.PEER_ASSIGNED, now, { detail: `${change}${covered}` }),
    );
    this.em.persist(
      this.accessLog.entry(referral, `${operation}: ${change}`, ['PEER_ASSIGNED', ...opened], now),
    );
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
    fields: {
      from?: ReferralStatus;
      to?: ReferralStatus;
      reason?: string | null;
      reasonCode?: ReferralReasonCode | null;
      detail?: string;
    },
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
      reasonCode: fields.reasonCode ?? null,
      detail: fields.detail ?? null,
    });
  }
}
