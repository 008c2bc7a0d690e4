import { registerEnumType } from 'type-graphql';

/** The FHIR SDOH Task statuses a referral moves through (DESIGN: referrals). */
export enum ReferralStatus {
  DRAFT = 'DRAFT',
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  IN_PROGRESS = 'IN_PROGRESS',
  ON_HOLD = 'ON_HOLD',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  ENTERED_IN_ERROR = 'ENTERED_IN_ERROR',
}
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description:
    'Where a referral is in its loop (the FHIR Task statuses of the SDOH Clinical Care guide).',
});

/** The order of a list of referrals, by when each was made. */
export enum ReferralOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}
registerEnumType(ReferralOrder, {
  name: 'ReferralOrder',
  description:
    'Newest first (the default), or oldest first: an inbox answers the referral that has waited longest first.',
});

export enum ReferralUrgency {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  ASAP = 'ASAP',
  STAT = 'STAT',
}
registerEnumType(ReferralUrgency, {
  name: 'ReferralUrgency',
  description: 'How soon the person needs the service (FHIR request priority).',
});

/** The setting a person is leaving. */
export enum DischargeSetting {
  HOSPITAL = 'HOSPITAL',
  JAIL = 'JAIL',
  PRISON = 'PRISON',
  CRISIS_UNIT = 'CRISIS_UNIT',
  COMMUNITY = 'COMMUNITY',
}
registerEnumType(DischargeSetting, {
  name: 'DischargeSetting',
  description: 'The setting the person is leaving.',
});

export enum ContactMethod {
  PHONE = 'PHONE',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
  IN_PERSON = 'IN_PERSON',
  THROUGH_REFERRER = 'THROUGH_REFERRER',
  THROUGH_PEER = 'THROUGH_PEER',
}
registerEnumType(ContactMethod, {
  name: 'ContactMethod',
  description: 'How the person prefers to be reached.',
});

export enum ReferralOutcomeCode {
  SERVICE_PROVIDED = 'SERVICE_PROVIDED',
  ENROLLED = 'ENROLLED',
  PERSON_DECLINED = 'PERSON_DECLINED',
  UNABLE_TO_CONTACT = 'UNABLE_TO_CONTACT',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  NO_CAPACITY = 'NO_CAPACITY',
  DID_NOT_ARRIVE = 'DID_NOT_ARRIVE',
  OTHER = 'OTHER',
}
registerEnumType(ReferralOutcomeCode, {
  name: 'ReferralOutcomeCode',
  description: 'What came of a referral, recorded when it is completed or fails.',
});

export enum ReferralEventKind {
  CREATED = 'CREATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  PEER_ASSIGNED = 'PEER_ASSIGNED',
  NOTE_ADDED = 'NOTE_ADDED',
  CONSENT_RECORDED = 'CONSENT_RECORDED',
  CONSENT_REVOKED = 'CONSENT_REVOKED',
}
registerEnumType(ReferralEventKind, { name: 'ReferralEventKind' });

/**
 * Why a referral has its status, as a code anyone working it may see. The lifecycle asks for one to
 * reject, cancel, put on hold or fail; a free-text reason beside it can name the person, so it is
 * shown only to those who may see the person.
 */
export enum ReferralReasonCode {
  NO_CAPACITY = 'NO_CAPACITY',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  SERVICE_NOT_OFFERED = 'SERVICE_NOT_OFFERED',
  PERSON_DECLINED = 'PERSON_DECLINED',
  UNABLE_TO_CONTACT = 'UNABLE_TO_CONTACT',
  PERSON_UNAVAILABLE = 'PERSON_UNAVAILABLE',
  AWAITING_DOCUMENTS = 'AWAITING_DOCUMENTS',
  NO_LONGER_NEEDED = 'NO_LONGER_NEEDED',
  REFERRED_ELSEWHERE = 'REFERRED_ELSEWHERE',
  DUPLICATE = 'DUPLICATE',
  OTHER = 'OTHER',
}
registerEnumType(ReferralReasonCode, {
  name: 'ReferralReasonCode',
  description:
    'Why a referral was rejected, cancelled, put on hold or failed, as a code: shown to everyone working it, unlike the free-text reason.',
});
