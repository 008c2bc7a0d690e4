import type { ReferralInputJson } from './outbox';

/** The contact preferences the form offers: phone, text, or none (through the referrer). */
export const CONTACT_METHODS = ['PHONE', 'SMS', 'THROUGH_REFERRER'] as const;
export const SETTINGS = ['HOSPITAL', 'JAIL', 'PRISON', 'CRISIS_UNIT', 'COMMUNITY'] as const;
export const URGENCIES = ['ROUTINE', 'URGENT', 'ASAP', 'STAT'] as const;
/** The consent classes of the API (ConsentInformation); IDENTITY is required. */
export const INFORMATION = [
  'IDENTITY',
  'CONTACT',
  'NEEDS',
  'DISCHARGE_PLAN',
  'SUBSTANCE_USE_TREATMENT',
] as const;
export const METHODS = ['WRITTEN_SIGNATURE', 'ELECTRONIC_SIGNATURE'] as const;
export const SIGNERS = ['PATIENT', 'AUTHORIZED_REPRESENTATIVE'] as const;

/** The form as typed, dates as the date inputs hold them (yyyy-mm-dd, local). */
export interface ReferralForm {
  displayName: string;
  preferredLanguage: string;
  contactMethod: (typeof CONTACT_METHODS)[number];
  contact: string;
  needs: string[];
  setting: (typeof SETTINGS)[number];
  /** yyyy-mm-dd, or empty when not known. */
  expectedDischarge: string;
  urgency: (typeof URGENCIES)[number];
  notes: string;
  disclosingParty: string;
  information: string[];
  purpose: string;
  revocationAcknowledged: boolean;
  /** yyyy-mm-dd: the consent ends at the end of this day. */
  expiresOn: string;
  /** yyyy-mm-dd: the day the person signed. */
  signedOn: string;
  method: (typeof METHODS)[number];
  signedBy: (typeof SIGNERS)[number];
  representativeRelationship: string;
}

/** The input paths the API names (`ApiError.field` without `input.`), one per control. */
export type Field =
  | 'person.displayName'
  | 'person.contact'
  | 'needs'
  | 'expectedDischargeAt'
  | 'notes'
  | 'consent.disclosingParty'
  | 'consent.information'
  | 'consent.purpose'
  | 'consent.revocationAcknowledged'
  | 'consent.expiresAt'
  | 'consent.signedAt'
  | 'consent.representativeRelationship';

/** Why a field is not accepted, as a `referProblem` select value. */
export type Problem =
  | 'required'
  | 'chooseOne'
  | 'phone'
  | 'past'
  | 'tooFar'
  | 'identity'
  | 'revocation'
  | 'expiryPast'
  | 'expiryBeforeSigned'
  | 'signedFuture'
  | 'signedOld'
  | 'tooLong';

export type Problems = Partial<Record<Field, Problem>>;

export const PERSON_FIELDS: readonly Field[] = [
  'person.displayName',
  'person.contact',
  'needs',
  'expectedDischargeAt',
  'notes',
];

const pad = (n: number) => String(n).padStart(2, '0');
/** A local day as a date input holds it. */
export const dayOf = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
export const addDays = (date: Date, days: number): Date =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, 12);

/** The local day's noon, or its last moment: dates the person picks are days, not instants. */
export function parseDay(day: string, end = false): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  return end ? new Date(year, month, date, 23, 59, 59) : new Date(year, month, date, 12);
}

export function emptyForm(now: Date): ReferralForm {
  return {
    displayName: '',
    preferredLanguage: '',
    contactMethod: 'PHONE',
    contact: '',
    needs: [],
    setting: 'HOSPITAL',
    expectedDischarge: '',
    urgency: 'ROUTINE',
    notes: '',
    disclosingParty: '',
    information: ['IDENTITY', 'CONTACT', 'NEEDS', 'DISCHARGE_PLAN'],
    purpose: '',
    revocationAcknowledged: false,
    expiresOn: dayOf(addDays(now, 90)),
    signedOn: dayOf(now),
    method: 'WRITTEN_SIGNATURE',
    signedBy: 'PATIENT',
    representativeRelationship: '',
  };
}

const PHONE = /^\+?[0-9 ()./-]+$/;
const isPhone = (text: string) => {
  const digits = text.replace(/[^0-9]/g, '').length;
  return PHONE.test(text) && digits >= 7 && digits <= 15 && text.length <= 40;
};

/** The person, needs and discharge: the API's own rules, so the form never sends what it refuses. */
export function personProblems(form: ReferralForm, now: Date): Problems {
  const problems: Problems = {};
  if (!form.displayName.trim()) problems['person.displayName'] = 'required';
  else if (form.displayName.length > 200) problems['person.displayName'] = 'tooLong';
  if (form.contactMethod !== 'THROUGH_REFERRER') {
    if (!form.contact.trim()) problems['person.contact'] = 'required';
    else if (!isPhone(form.contact.trim())) problems['person.contact'] = 'phone';
  }
  if (form.needs.length === 0) problems.needs = 'chooseOne';
  if (form.expectedDischarge) {
    const day = parseDay(form.expectedDischarge, true);
    if (!day || day.getTime() < now.getTime()) problems.expectedDischargeAt = 'past';
    else if (day.getTime() > now.getTime() + 365 * 86_400_000)
      problems.expectedDischargeAt = 'tooFar';
  }
  if (form.notes.length > 4000) problems.notes = 'tooLong';
  return problems;
}

/** The 42 CFR Part 2 elements: every one present, IDENTITY included, expiry after today. */
export function consentProblems(form: ReferralForm, now: Date): Problems {
  const problems: Problems = {};
  if (!form.disclosingParty.trim()) problems['consent.disclosingParty'] = 'required';
  if (!form.information.includes('IDENTITY')) problems['consent.information'] = 'identity';
  if (!form.purpose.trim()) problems['consent.purpose'] = 'required';
  const signed = parseDay(form.signedOn);
  if (!signed) problems['consent.signedAt'] = 'required';
  else if (form.signedOn > dayOf(now)) problems['consent.signedAt'] = 'signedFuture';
  else if (signed.getTime() < now.getTime() - 365 * 86_400_000)
    problems['consent.signedAt'] = 'signedOld';
  const expires = parseDay(form.expiresOn, true);
  if (!expires) problems['consent.expiresAt'] = 'required';
  else if (form.expiresOn <= dayOf(now)) problems['consent.expiresAt'] = 'expiryPast';
  else if (signed && form.expiresOn <= form.signedOn)
    problems['consent.expiresAt'] = 'expiryBeforeSigned';
  if (form.signedBy === 'AUTHORIZED_REPRESENTATIVE' && !form.representativeRelationship.trim())
    problems['consent.representativeRelationship'] = 'required';
  if (!form.revocationAcknowledged) problems['consent.revocationAcknowledged'] = 'revocation';
  return problems;
}

/** What createReferral is sent; signed today means signed now (the API takes no future time). */
export function toInput(form: ReferralForm, resourceId: string, now: Date): ReferralInputJson {
  const signedToday = form.signedOn === dayOf(now);
  const contactAllowed = form.contactMethod !== 'THROUGH_REFERRER';
  return {
    resourceId,
    person: {
      displayName: form.displayName.trim(),
      preferredLanguage: form.preferredLanguage || null,
      contactMethod: form.contactMethod,
      contact: contactAllowed ? form.contact.trim() : null,
      contactAllowed,
    },
    needs: form.needs,
    setting: form.setting,
    expectedDischargeAt: form.expectedDischarge
      ? parseDay(form.expectedDischarge, true)!.toISOString()
      : null,
    urgency: form.urgency,
    notes: form.notes.trim() || null,
    consent: {
      disclosingParty: form.disclosingParty.trim(),
      information: INFORMATION.filter((item) => form.information.includes(item)),
      purpose: form.purpose.trim(),
      revocationAcknowledged: form.revocationAcknowledged,
      expiresAt: parseDay(form.expiresOn, true)!.toISOString(),
      method: form.method,
      signedBy: form.signedBy,
      representativeRelationship:
        form.signedBy === 'AUTHORIZED_REPRESENTATIVE'
          ? form.representativeRelationship.trim()
          : null,
      signedAt: signedToday ? now.toISOString() : parseDay(form.signedOn)!.toISOString(),
    },
  };
}
