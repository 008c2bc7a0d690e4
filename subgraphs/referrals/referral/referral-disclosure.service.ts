import type { Bundle, FhirResource } from 'fhir/r4';
import type { Identity } from '../../kit/identity';
import {
  disclosedNeeds,
  involvement,
  NO_ACCESS,
  personAccess,
  SUBSTANCE_USE_NEEDS,
  type DisclosedPart,
  type PersonAccess,
} from '../access';
import { names } from '../consent/consent-rules';
import type { AccessLogService } from '../access-log/access-log.service';
import type { ReferralConsent } from '../consent/consent.entity';
import type { Loaders } from '../loaders';
import { REDISCLOSURE_NOTICE } from '../disclosure';
import { referralBundle } from './referral-fhir';
import type { ReferralEvent } from './referral-event.entity';
import type { ReferralNote } from './referral-note.entity';
import type { Referral } from './referral.entity';
import type { ReferralOutcomeView, ReferralPersonView } from './referral.types';

/** Each part of the person that access opens, as the access log names it. */
const LOGGED_AS: Readonly<Record<DisclosedPart, string>> = {
  identity: 'IDENTITY',
  contact: 'CONTACT',
  freeText: 'FREE_TEXT',
  needs: 'NEEDS',
  dischargePlan: 'DISCHARGE_PLAN',
  substanceUse: 'SUBSTANCE_USE_TREATMENT',
};

/**
 * The parts `access` opens that `referral` has something in: what a read of all of it discloses,
 * and what the access log records (not the classes a consent covers, the ones actually shown).
 */
export function disclosedIn(referral: Referral, access: PersonAccess): PersonAccess {
  const needs = disclosedNeeds(referral.needs, access);
  return {
    identity: access.identity,
    contact: access.contact && !!referral.personContact,
    freeText: access.freeText && !!(referral.statusReason || referral.outcomeNote),
    needs: needs.some((n) => !SUBSTANCE_USE_NEEDS.has(n)),
    dischargePlan: access.dischargePlan && !!referral.expectedDischargeAt,
    substanceUse: needs.some((n) => SUBSTANCE_USE_NEEDS.has(n)),
  };
}

/** The resources of the referral that /fhir serves one at a time. */
export type FhirResourceKind = 'Task' | 'ServiceRequest' | 'Consent' | 'Patient';

/**
 * The parts of the person each resource can hold: the subject's display name wherever the subject
 * is referenced, the Task's typed reason and outcome text, the ServiceRequest's needs and discharge
 * date, the Patient's contact. A read of one resource logs only these.
 */
const HELD_BY: Readonly<Record<FhirResourceKind, readonly DisclosedPart[]>> = {
  Task: ['identity', 'freeText'],
  ServiceRequest: ['identity', 'needs', 'substanceUse', 'dischargePlan'],
  Consent: ['identity'],
  Patient: ['identity', 'contact'],
};

/** The parts `access` opens, as the access log names them. */
export function disclosedParts(access: PersonAccess): string[] {
  return (Object.keys(LOGGED_AS) as DisclosedPart[])
    .filter((part) => access[part])
    .map((part) => LOGGED_AS[part]);
}

/**
 * What of a referred person one caller is shown (42 CFR Part 2), decided in one place by the
 * disclosure policy (access.ts): the person, their contact, every free-text field (status reason,
 * history reasons, outcome text, notes) and the FHIR bundle. Every read that discloses something is
 * written to the access log before the details are returned; a read that cannot be logged fails.
 * `operation` names the read in the log, e.g. "Referral.person in query Inbox".
 */
export class ReferralDisclosureService {
  constructor(
    private readonly identity: Identity,
    private readonly loaders: Loaders,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * The referring side and admins hold the person's details already; the receiving organization and
   * the assigned peer see what an active consent naming them covers; anyone else nothing. Worked out
   * at each read, from the referral as it is then, so a mutation earlier in the operation counts.
   */
  async access(referral: Referral, now = new Date()): Promise<PersonAccess> {
    const who = involvement(this.identity, referral);
    if (who.admin || who.referrer) return personAccess(who, referral, [], now);
    if (!who.receiver && !who.assignedPeer) return NO_ACCESS;
    return personAccess(who, referral, await this.loaders.consents.load(referral.id), now);
  }

  /** Who the person is, with the re-disclosure notice; null when it is not disclosed to the caller. */
  async person(referral: Referral, operation: string): Promise<ReferralPersonView | null> {
    const access = await this.access(referral);
    if (!access.identity) return null;
    await this.accessLog.disclose(
      referral,
      operation,
      disclosedParts({ ...NO_ACCESS, identity: true, contact: access.contact }),
    );
    return {
      ref: referral.personRef,
      displayName: referral.personDisplayName,
      preferredLanguage: referral.personPreferredLanguage,
      contactMethod: referral.personContactMethod,
      contact: access.contact ? referral.personContact : null,
      contactAllowed: referral.personContactAllowed,
      redisclosureNotice: REDISCLOSURE_NOTICE,
    };
  }

  /** `Referral.needs`: substance-use needs only with SUBSTANCE_USE_TREATMENT, the others with NEEDS. */
  async needs(referral: Referral, operation: string): Promise<string[]> {
    if (!referral.needs.length) return [];
    const access = await this.access(referral);
    const shown = disclosedNeeds(referral.needs, access);
    const parts = disclosedIn(referral, access);
    const logged = disclosedParts({
      ...NO_ACCESS,
      needs: parts.needs,
      substanceUse: parts.substanceUse,
    });
    if (logged.length && !this.isSource(referral))
      await this.accessLog.disclose(referral, operation, logged);
    return shown;
  }

  /** `Referral.expectedDischargeAt`: the discharge plan, with DISCHARGE_PLAN. */
  async expectedDischargeAt(referral: Referral, operation: string): Promise<Date | null> {
    if (!referral.expectedDischargeAt) return null;
    if (!(await this.access(referral)).dischargePlan) return null;
    if (!this.isSource(referral))
      await this.accessLog.disclose(referral, operation, [LOGGED_AS.dischargePlan]);
    return referral.expectedDischargeAt;
  }

  /**
   * The consents the caller is shown: all of them to the referring side and admins; to the receiving
   * organization and the assigned peer, only those that name them.
   */
  async consents(referral: Referral): Promise<ReferralConsent[]> {
    const consents = await this.loaders.consents.load(referral.id);
    const who = involvement(this.identity, referral);
    if (who.admin || who.referrer) return consents;
    return consents.filter(
      (consent) =>
        (who.receiver && names(consent, { organizationId: referral.receivingOrgId })) ||
        (who.assignedPeer &&
          referral.assignedPeerId !== null &&
          names(consent, {
            peerId: referral.assignedPeerId,
            peerOrganizationId: referral.assignedPeerOrgId,
          })),
    );
  }

  /**
   * The referring side wrote the needs and the discharge plan: its reads of them disclose nothing
   * and are not logged, unlike anyone else's (admins' included). Who the person is, free text and
   * the bundle are logged for every reader.
   */
  private isSource(referral: Referral): boolean {
    const who = involvement(this.identity, referral);
    return who.referrer && !who.admin;
  }

  async isPersonDisclosed(referral: Referral): Promise<boolean> {
    return (await this.access(referral)).identity;
  }

  /**
   * Free text shown to those the policy opens it to, logged; null for anyone else. Text is never
   * withheld from the one who wrote it (`author`), which discloses nothing.
   */
  private async freeText(
    referral: Referral,
    text: string | null,
    operation: string,
    author?: string,
  ): Promise<string | null> {
    if (text === null) return null;
    if (author !== undefined && author === this.identity.sub) return text;
    if (!(await this.access(referral)).freeText) return null;
    await this.accessLog.disclose(referral, operation, [LOGGED_AS.freeText]);
    return text;
  }

  /** `Referral.statusReason`: the free-text reason for its status. */
  statusReason(referral: Referral, operation: string): Promise<string | null> {
    return this.freeText(referral, referral.statusReason, operation);
  }

  /** `ReferralEvent.reason`: the free-text reason a change was made. */
  async eventReason(event: ReferralEvent, operation: string): Promise<string | null> {
    if (event.reason === null) return null;
    const referral = await this.loaders.referral.load(event.referralId);
    if (!referral) return null;
    return this.freeText(referral, event.reason, operation, event.actor);
  }

  /** `Consent.revocationReason`: why the person revoked it, in words. */
  async revocationReason(consent: ReferralConsent, operation: string): Promise<string | null> {
    if (consent.revocationReason === null) return null;
    const referral = await this.loaders.referral.load(consent.referralId);
    if (!referral) return null;
    return this.freeText(
      referral,
      consent.revocationReason,
      operation,
      consent.revokedBy ?? undefined,
    );
  }

  /** What came of it: the code for everyone who sees the referral, the note as free text. */
  async outcome(referral: Referral, operation: string): Promise<ReferralOutcomeView | null> {
    if (!referral.outcomeCode || !referral.outcomeRecordedAt) return null;
    return {
      code: referral.outcomeCode,
      note: await this.freeText(referral, referral.outcomeNote, operation),
      recordedAt: referral.outcomeRecordedAt,
    };
  }

  /** All notes when free text is disclosed to the caller; otherwise only those the caller wrote. */
  async notes(referral: Referral, operation: string): Promise<ReferralNote[]> {
    const [notes, access] = await Promise.all([
      this.loaders.notes.load(referral.id),
      this.access(referral),
    ]);
    if (!access.freeText) return notes.filter((n) => n.author === this.identity.sub);
    if (notes.length) await this.accessLog.disclose(referral, operation, ['NOTES']);
    return notes;
  }

  /**
   * The referral as a FHIR bundle, by the same policy: the Patient only when the person is disclosed,
   * each part only when it is, the consents that name the caller; the access log records the parts
   * the bundle actually holds.
   */
  async fhir(
    referral: Referral,
    operation: string,
    now = new Date(),
  ): Promise<Bundle<FhirResource>> {
    const [access, consents] = await Promise.all([
      this.access(referral, now),
      this.consents(referral),
    ]);
    const parts = disclosedParts(disclosedIn(referral, access));
    if (parts.length) await this.accessLog.disclose(referral, operation, ['FHIR', ...parts]);
    return referralBundle({ referral, consents, access, now });
  }

  /**
   * The bundle, by the same policy, for a read of one of its resources (FHIR REST): the access log
   * records only the parts that resource holds. The caller picks the resource out of the bundle.
   */
  async fhirResource(
    referral: Referral,
    kind: FhirResourceKind,
    operation: string,
    now = new Date(),
  ): Promise<{ bundle: Bundle<FhirResource>; access: PersonAccess }> {
    const [access, consents] = await Promise.all([
      this.access(referral, now),
      this.consents(referral),
    ]);
    const shown = disclosedIn(referral, access);
    const held = { ...NO_ACCESS };
    for (const part of HELD_BY[kind]) held[part] = shown[part];
    const parts = disclosedParts(held);
    if (parts.length) await this.accessLog.disclose(referral, operation, ['FHIR', ...parts]);
    return { bundle: referralBundle({ referral, consents, access, now }), access };
  }
}
