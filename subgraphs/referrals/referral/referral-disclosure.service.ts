import type { Bundle, FhirResource } from 'fhir/r4';
import type { Identity } from '../../kit/identity';
import { involvement, NO_ACCESS, personAccess, type PersonAccess } from '../access';
import type { AccessLogService } from '../access-log/access-log.service';
import type { Loaders } from '../loaders';
import { REDISCLOSURE_NOTICE } from '../disclosure';
import { referralBundle } from './referral-fhir';
import type { ReferralNote } from './referral-note.entity';
import type { Referral } from './referral.entity';
import type { ReferralPersonView } from './referral.types';

/**
 * Each part of the person that access opens, as the access log names it. Per-class parts (NEEDS,
 * DISCHARGE_PLAN, SUBSTANCE_USE_TREATMENT) join here and in PersonAccess, with the fields they open.
 */
const LOGGED_AS: Readonly<Record<keyof PersonAccess, string>> = {
  identity: 'IDENTITY',
  contact: 'CONTACT',
};

function disclosedParts(access: PersonAccess): string[] {
  return (Object.keys(LOGGED_AS) as (keyof PersonAccess)[])
    .filter((part) => access[part])
    .map((part) => LOGGED_AS[part]);
}

/**
 * What of a referred person one caller is shown (42 CFR Part 2), decided in one place: the person,
 * the notes (which can identify them) and the FHIR bundle. Every read that discloses something is
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
    await this.accessLog.disclose(referral, operation, disclosedParts(access));
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

  async isPersonDisclosed(referral: Referral): Promise<boolean> {
    return (await this.access(referral)).identity;
  }

  /** All notes when the person is disclosed to the caller; otherwise only those written by the caller's side. */
  async notes(referral: Referral, operation: string): Promise<ReferralNote[]> {
    const [notes, access] = await Promise.all([
      this.loaders.notes.load(referral.id),
      this.access(referral),
    ]);
    if (!access.identity) {
      const { sub, org } = this.identity;
      const receiver = involvement(this.identity, referral).receiver;
      return notes.filter(
        (n) => n.author === sub || (receiver && org !== null && n.authorOrganizationId === org),
      );
    }
    if (notes.length) await this.accessLog.disclose(referral, operation, ['NOTES']);
    return notes;
  }

  /** The referral as a FHIR bundle, with the Patient only when the person is disclosed to the caller. */
  async fhir(
    referral: Referral,
    operation: string,
    now = new Date(),
  ): Promise<Bundle<FhirResource>> {
    const [access, consents] = await Promise.all([
      this.access(referral, now),
      this.loaders.consents.load(referral.id),
    ]);
    if (access.identity) {
      await this.accessLog.disclose(referral, operation, ['FHIR', ...disclosedParts(access)]);
    }
    return referralBundle({ referral, consents, access, now });
  }
}
