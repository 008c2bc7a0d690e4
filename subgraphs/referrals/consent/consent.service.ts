import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { actingRole } from '../access';
import type { PeerDirectory } from '../directory/peer-directory.port';
import { isUuid } from '../../kit/ids';
import type { ReferralReadService } from '../referral/referral-read.service';
import { ReferralEvent } from '../referral/referral-event.entity';
import { ReferralEventKind } from '../referral/referral.enums';
import { LIMITS } from '../validators';
import { consentDraftProblem } from './consent-rules';
import { ReferralConsent } from './consent.entity';
import type { ConsentInput } from './consent.inputs';

/** Recording and revoking consents. Revocation takes effect on the very next read. */
export class ConsentService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly requestId: string,
    private readonly referrals: ReferralReadService,
    private readonly peers: PeerDirectory,
  ) {}

  /**
   * Part 2 rules beyond the input's shape; `prefix` names the input, e.g. "consent.". A consent
   * "for the assigned peer" names the peer assigned now, so there must be one.
   */
  static checkDraft(
    input: ConsentInput,
    now: Date,
    assignedPeerId: string | null,
    prefix = '',
  ): void {
    const problem = consentDraftProblem(input, now);
    if (problem) throw new BadUserInputError(problem.message, `${prefix}${problem.field}`);
    if (input.includesAssignedPeer && !assignedPeerId) {
      throw new BadUserInputError(
        'no peer is assigned yet: name the peer in recipientPeerIds, or assign them first',
        `${prefix}includesAssignedPeer`,
      );
    }
  }

  /** Every peer a consent names exists (the peers subgraph says so). */
  static async checkPeers(peers: PeerDirectory, input: ConsentInput, prefix = ''): Promise<void> {
    const ids = input.recipientPeerIds ?? [];
    const found = await Promise.all(ids.map((id) => peers.peer(id)));
    const missing = found.findIndex((peer) => !peer);
    if (missing >= 0) {
      throw new BadUserInputError('no peer has this id', `${prefix}recipientPeerIds[${missing}]`);
    }
  }

  /** A consent's columns, for an entity or for a hand-written insert. */
  static fields(
    identity: Identity,
    referral: {
      id: string;
      personRef: string;
      receivingOrgId: string;
      assignedPeerId: string | null;
    },
    input: ConsentInput,
    now: Date,
  ) {
    return {
      id: randomUUID(),
      referralId: referral.id,
      personRef: referral.personRef,
      disclosingParty: input.disclosingParty.trim(),
      disclosingOrganizationId: identity.org,
      recipientOrganizationIds: [
        ...new Set(input.recipientOrganizationIds ?? [referral.receivingOrgId]),
      ],
      recipientPeerIds: [
        ...new Set([
          ...(input.recipientPeerIds ?? []),
          ...(input.includesAssignedPeer && referral.assignedPeerId
            ? [referral.assignedPeerId]
            : []),
        ]),
      ],
      includesAssignedPeer: input.includesAssignedPeer,
      information: [...new Set(input.information)],
      informationDescription: input.informationDescription?.trim() || null,
      purpose: input.purpose.trim(),
      revocationAcknowledged: input.revocationAcknowledged,
      expiresAt: input.expiresAt,
      method: input.method,
      signedBy: input.signedBy,
      representativeRelationship: input.representativeRelationship?.trim() || null,
      signedAt: input.signedAt,
      recordedBy: identity.sub!,
      recordedByRole: actingRole(identity),
      recordedAt: now,
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
    } satisfies Partial<ReferralConsent>;
  }

  /** The referring side (who holds the person's signature) and admins record consents. */
  async record(
    referralId: string,
    input: ConsentInput,
    now = new Date(),
  ): Promise<ReferralConsent> {
    const referral = await this.referrals.get(referralId);
    const who = this.referrals.involvement(referral);
    if (!who.referrer && !who.admin) {
      throw new ForbiddenError(
        "Only the referrer, their organization's discharge planners and admins record consent.",
      );
    }
    ConsentService.checkDraft(input, now, referral.assignedPeerId);
    await ConsentService.checkPeers(this.peers, input);
    const consent = this.em.create(
      ReferralConsent,
      ConsentService.fields(this.identity, referral, input, now),
    );
    this.em.persist(consent);
    this.em.persist(
      this.event(referral.id, ReferralEventKind.CONSENT_RECORDED, `consent ${consent.id}`, now),
    );
    await this.em.flush();
    return consent;
  }

  /**
   * Anyone working the referral may record that the person revoked consent: a revocation only ever
   * narrows what is disclosed, and it must be honoured wherever the person says it.
   */
  async revoke(
    consentId: string,
    reason: string | null | undefined,
    now = new Date(),
  ): Promise<ReferralConsent> {
    if (!this.identity.sub) throw new UnauthenticatedError();
    const consent = isUuid(consentId) ? await this.em.findOne(ReferralConsent, consentId) : null;
    if (!consent) throw new NotFoundError('Consent', consentId);
    try {
      await this.referrals.get(consent.referralId);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Consent', consentId);
      throw error;
    }
    const why = reason?.trim() || null;
    if (why && why.length > LIMITS.reason)
      throw new BadUserInputError(`must be at most ${LIMITS.reason} characters`, 'reason');
    if (consent.revokedAt) return consent;
    consent.revokedAt = now;
    consent.revokedBy = this.identity.sub;
    consent.revocationReason = why;
    this.em.persist(
      this.event(
        consent.referralId,
        ReferralEventKind.CONSENT_REVOKED,
        `consent ${consent.id}`,
        now,
        why,
      ),
    );
    await this.em.flush();
    return consent;
  }

  private event(
    referralId: string,
    kind: ReferralEventKind,
    detail: string,
    at: Date,
    reason: string | null = null,
  ) {
    return this.em.create(ReferralEvent, {
      referralId,
      kind,
      at,
      detail,
      reason,
      actor: this.identity.sub!,
      actorRole: actingRole(this.identity),
      actorOrganizationId: this.identity.org,
      requestId: this.requestId,
    });
  }
}
