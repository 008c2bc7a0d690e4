import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Consent,
  FhirResource,
  Meta,
  Organization,
  Patient,
  PractitionerRole,
  Reference,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { disclosedNeeds, SUBSTANCE_USE_NEEDS, type PersonAccess } from '../access';
import { consentStatus } from '../consent/consent-rules';
import { ConsentSigner, ConsentStatus } from '../consent/consent.enums';
import type { ReferralConsent } from '../consent/consent.entity';
import { REDISCLOSURE_NOTICE } from '../disclosure';
import { fhirTaskStatus } from './referral-lifecycle';
import { ContactMethod, ReferralStatus as S } from './referral.enums';
import type { Referral } from './referral.entity';

/** Our own code systems: names only, never fetched. */
export const SYSTEMS = {
  category: 'urn:resource-referral-hub:category',
  organization: 'urn:resource-referral-hub:organization',
  location: 'urn:resource-referral-hub:location',
  user: 'urn:resource-referral-hub:user',
  person: 'urn:resource-referral-hub:person',
  outcome: 'urn:resource-referral-hub:referral-outcome',
  reason: 'urn:resource-referral-hub:referral-reason',
  consentInformation: 'urn:resource-referral-hub:consent-information',
  redisclosureNotice: 'urn:resource-referral-hub:redisclosure-notice',
} as const;

const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition';
/** SDOHCC 3.0.0's own codes: SDOH categories, `contacting-subject-prohibited`, `resulting-activity`. */
export const SDOHCC_CODES =
  'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';
const SNOMED = 'http://snomed.info/sct';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const PART_2 = 'https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** The labels of a resource that carries substance-use treatment information (42 CFR Part 2). */
export const PART_2_LABELS: NonNullable<Meta['security']> = [
  { system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part2' },
  { system: CONFIDENTIALITY, code: 'R', display: 'restricted' },
];

/** A stable UUID for a name (so the same referral always gives the same bundle ids). */
export function derivedUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The SDOH category (SDOHCC-ValueSetSDOHCategory) of each need the hub knows; a need outside every
 * SDOH domain (clinics, legal aid, crisis, substance-use treatment) is `sdoh-category-unspecified`.
 */
const SDOH_CATEGORY: Readonly<Record<string, string>> = {
  housing: 'housing-instability',
  'emergency-shelter': 'homelessness',
  food: 'food-insecurity',
  'food-bank': 'food-insecurity',
  'food-pantry': 'food-insecurity',
  meals: 'food-insecurity',
  employment: 'employment-status',
  'job-training': 'employment-status',
  'job-placement': 'employment-status',
  benefits: 'financial-insecurity',
  transportation: 'transportation-insecurity',
  'clothing-hygiene': 'material-hardship',
};

/** The SDOH categories of the needs shown: one CodeableConcept each, never empty. */
function sdohCategories(needs: readonly string[]): CodeableConcept[] {
  const codes = [...new Set(needs.map((n) => SDOH_CATEGORY[n] ?? 'sdoh-category-unspecified'))];
  return (codes.length ? codes : ['sdoh-category-unspecified']).map((code) => ({
    coding: [{ system: SDOHCC_CODES, code }],
  }));
}

const urn = (id: string) => `urn:uuid:${id}`;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

function serviceRequestStatus(status: S): ServiceRequest['status'] {
  switch (status) {
    case S.DRAFT:
      return 'draft';
    case S.REQUESTED:
    case S.ACCEPTED:
    case S.IN_PROGRESS:
      return 'active';
    case S.ON_HOLD:
      return 'on-hold';
    case S.COMPLETED:
      return 'completed';
    case S.REJECTED:
    case S.CANCELLED:
    case S.FAILED:
      return 'revoked';
    case S.ENTERED_IN_ERROR:
      return 'entered-in-error';
  }
}

const organizationId = (id: string) => derivedUuid(`organization:${id}`);

/** An organization of the hub: its id is all the referrals subgraph holds of it. */
function organization(id: string): Organization {
  return {
    resourceType: 'Organization',
    id: organizationId(id),
    identifier: [{ system: SYSTEMS.organization, value: id }],
    active: true,
  };
}

const organizationRef = (id: string): Reference => ({
  reference: urn(organizationId(id)),
  type: 'Organization',
  identifier: { system: SYSTEMS.organization, value: id },
});

function telecom(referral: Referral): Patient['telecom'] {
  if (!referral.personContact) return undefined;
  const system =
    referral.personContactMethod === ContactMethod.EMAIL
      ? 'email'
      : referral.personContactMethod === ContactMethod.SMS
        ? 'sms'
        : referral.personContactMethod === ContactMethod.PHONE
          ? 'phone'
          : 'other';
  return [{ system, value: referral.personContact }];
}

function patient(referral: Referral, access: PersonAccess, id: string): Patient {
  return {
    resourceType: 'Patient',
    id,
    meta: {
      profile: [`${US_CORE}/us-core-patient`],
      security: [{ system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part2' }],
    },
    identifier: [{ system: SYSTEMS.person, value: referral.personRef }],
    // The hub holds a display name, not its family and given parts: US Core's us-core-6 takes the
    // data-absent-reason extension for them.
    name: [
      {
        extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }],
        text: referral.personDisplayName,
      },
    ],
    // US Core requires gender; the hub does not record it ('unknown' is in AdministrativeGender).
    gender: 'unknown',
    communication: referral.personPreferredLanguage
      ? [
          {
            language: {
              coding: [{ system: 'urn:ietf:bcp:47', code: referral.personPreferredLanguage }],
            },
            preferred: true,
          },
        ]
      : undefined,
    telecom: access.contact ? telecom(referral) : undefined,
  };
}

function consentResource(consent: ReferralConsent, subject: Reference, now: Date): Consent {
  const status = consentStatus(consent, now);
  return {
    resourceType: 'Consent',
    id: consent.id,
    meta: { profile: [`${SDOHCC}/SDOHCC-Consent`] },
    status: status === ConsentStatus.ACTIVE ? 'active' : 'inactive',
    scope: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
      ],
    },
    category: [
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
      { coding: [{ system: ACT_CODE, code: 'IDSCL', display: 'information disclosure' }] },
      { coding: [{ system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part2' }] },
    ],
    patient: subject,
    dateTime: consent.signedAt.toISOString(),
    // The signed form is kept by the disclosing party; the hub records its terms.
    sourceAttachment: {
      title: `Consent to disclose, signed ${consent.signedAt.toISOString().slice(0, 10)}`,
      creation: consent.signedAt.toISOString(),
    },
    performer: [
      {
        display:
          consent.signedBy === ConsentSigner.PATIENT
            ? 'the patient'
            : `authorized representative (${consent.representativeRelationship ?? ''})`,
      },
    ],
    organization: [
      {
        display: consent.disclosingParty,
        ...(consent.disclosingOrganizationId
          ? {
              identifier: { system: SYSTEMS.organization, value: consent.disclosingOrganizationId },
            }
          : {}),
      },
    ],
    policy: [{ authority: 'https://www.ecfr.gov', uri: PART_2 }],
    provision: {
      type: 'permit',
      period: {
        start: consent.signedAt.toISOString(),
        end: (consent.revokedAt ?? consent.expiresAt).toISOString(),
      },
      actor: consent.recipientOrganizationIds.map((id) => ({
        role: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
              code: 'IRCP',
              display: 'information recipient',
            },
          ],
        },
        reference: organizationRef(id),
      })),
      // Coded (v3-ActReason, PurposeOfUse), then in the words the consent was signed with.
      purpose: [
        { system: ACT_REASON, code: 'COC', display: 'coordination of care' },
        { display: consent.purpose },
      ],
      code: consent.information.map((code): CodeableConcept => ({
        coding: [{ system: SYSTEMS.consentInformation, code }],
      })),
    },
  };
}

/**
 * The coded reason for everyone; its free text only when the policy discloses free text, else the
 * code as text (SDOHCC-TaskForReferralManagement requires statusReason.text).
 */
function statusReason(referral: Referral, access: PersonAccess): CodeableConcept | undefined {
  const text = (access.freeText && referral.statusReason) || undefined;
  const code = referral.statusReasonCode ?? undefined;
  if (!code && !text) return undefined;
  return {
    coding: code ? [{ system: SYSTEMS.reason, code }] : undefined,
    text: text ?? code,
  };
}

export interface FhirReferralInput {
  referral: Referral;
  consents: readonly ReferralConsent[];
  /**
   * What the caller may see of the person; without identity the bundle has no Patient, without free
   * text no typed reason or outcome text.
   */
  access: PersonAccess;
  now: Date;
}

/**
 * The referral as a FHIR R4 collection Bundle in the shape of the SDOH Clinical Care guide: the
 * ServiceRequest (what is asked), the Task (its status in the loop), each Consent and, when the
 * caller may see who the person is, the Patient. Without that, the subject is withheld.
 */
export function referralBundle({
  referral,
  consents,
  access,
  now,
}: FhirReferralInput): Bundle<FhirResource> {
  const ids = {
    serviceRequest: referral.id,
    task: derivedUuid(`${referral.id}:task`),
    // A person reference is the referring organization's own: the same ref from two is two people.
    patient: derivedUuid(
      `person:${referral.referrerOrgId ?? `user:${referral.createdBy}`}:${referral.personRef}`,
    ),
  };
  const subject: Reference = access.identity
    ? { reference: urn(ids.patient), display: referral.personDisplayName }
    : { display: 'Withheld: no consent covers you' };
  // The referring organization asks; a referrer without one asks in their role (PractitionerRole).
  const roleId = derivedUuid(`user:${referral.createdBy}`);
  const requesterRole: PractitionerRole | undefined = referral.referrerOrgId
    ? undefined
    : {
        resourceType: 'PractitionerRole',
        id: roleId,
        identifier: [{ system: SYSTEMS.user, value: referral.createdBy }],
        code: [{ text: referral.referrerRole }],
      };
  const requester: Reference = referral.referrerOrgId
    ? organizationRef(referral.referrerOrgId)
    : { reference: urn(roleId), type: 'PractitionerRole' };
  const shownNeeds = disclosedNeeds(referral.needs, access);
  const substanceUse = shownNeeds.some((n) => SUBSTANCE_USE_NEEDS.has(n));
  const needs: Coding[] = shownNeeds.map((code) => ({ system: SYSTEMS.category, code }));
  const organizations = [
    ...new Set([
      referral.receivingOrgId,
      ...(referral.referrerOrgId ? [referral.referrerOrgId] : []),
    ]),
  ];
  const serviceRequest: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: ids.serviceRequest,
    meta: {
      profile: [`${SDOHCC}/SDOHCC-ServiceRequest`],
      security: substanceUse ? PART_2_LABELS : undefined,
    },
    status: serviceRequestStatus(referral.status),
    intent: 'order',
    priority: referral.urgency.toLowerCase() as ServiceRequest['priority'],
    // The SDOH domains of the needs shown (none shown: unspecified), so they say no more than those.
    category: sdohCategories(shownNeeds),
    // US Core Procedure Codes (SNOMED CT): a referral; the hub's own need codes travel beside it.
    code: {
      coding: [{ system: SNOMED, code: '3457005', display: 'Patient referral' }, ...needs],
      text: shownNeeds.length ? shownNeeds.join(', ') : 'Patient referral',
    },
    // Whoever sees the referral must know not to contact the person directly.
    orderDetail: referral.personContactAllowed
      ? undefined
      : [
          {
            coding: [
              {
                system: SDOHCC_CODES,
                code: 'contacting-subject-prohibited',
                display: 'Contacting subject prohibited',
              },
            ],
          },
        ],
    subject,
    authoredOn: referral.createdAt.toISOString(),
    requester,
    // The consents the disclosure rests on.
    supportingInfo: consents.length
      ? consents.map((c) => ({ reference: urn(c.id), type: 'Consent' }))
      : undefined,
    performer: [organizationRef(referral.receivingOrgId)],
    locationReference: referral.locationId
      ? [{ type: 'Location', identifier: { system: SYSTEMS.location, value: referral.locationId } }]
      : undefined,
    occurrenceDateTime: access.dischargePlan ? iso(referral.expectedDischargeAt) : undefined,
  };
  const task: Task = {
    resourceType: 'Task',
    id: ids.task,
    meta: { profile: [`${SDOHCC}/SDOHCC-TaskForReferralManagement`] },
    status: fhirTaskStatus(referral.status),
    statusReason: statusReason(referral, access),
    intent: 'order',
    priority: serviceRequest.priority,
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: urn(ids.serviceRequest), type: 'ServiceRequest' },
    for: subject,
    authoredOn: referral.createdAt.toISOString(),
    lastModified: referral.updatedAt.toISOString(),
    requester,
    owner: organizationRef(referral.receivingOrgId),
    output: referral.outcomeCode
      ? [
          {
            type: {
              coding: [
                { system: SDOHCC_CODES, code: 'resulting-activity', display: 'Resulting Activity' },
              ],
            },
            valueCodeableConcept: {
              coding: [{ system: SYSTEMS.outcome, code: referral.outcomeCode }],
              text: (access.freeText && referral.outcomeNote) || undefined,
            },
          },
        ]
      : undefined,
  };
  const entries: BundleEntry<FhirResource>[] = [
    { fullUrl: urn(ids.serviceRequest), resource: serviceRequest },
    { fullUrl: urn(ids.task), resource: task },
    ...consents.map((c) => ({ fullUrl: urn(c.id), resource: consentResource(c, subject, now) })),
    ...organizations.map((id) => ({
      fullUrl: urn(organizationId(id)),
      resource: organization(id),
    })),
    ...(requesterRole ? [{ fullUrl: urn(roleId), resource: requesterRole }] : []),
  ];
  if (access.identity)
    entries.push({ fullUrl: urn(ids.patient), resource: patient(referral, access, ids.patient) });
  return {
    resourceType: 'Bundle',
    id: derivedUuid(`${referral.id}:bundle:${referral.version}`),
    type: 'collection',
    timestamp: now.toISOString(),
    meta:
      access.identity || substanceUse
        ? {
            security: [
              ...(substanceUse ? PART_2_LABELS : PART_2_LABELS.slice(0, 1)),
              {
                system: ACT_CODE,
                code: 'NORDSCLCD',
                display: 'no redisclosure without consent directive',
              },
            ],
            extension: [{ url: SYSTEMS.redisclosureNotice, valueString: REDISCLOSURE_NOTICE }],
          }
        : undefined,
    entry: entries,
  };
}
