import type { Consent, Patient, ServiceRequest, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { FULL_ACCESS, NO_ACCESS } from '../access';
import { ReferralConsent } from '../consent/consent.entity';
import { ConsentInformation, ConsentMethod, ConsentSigner } from '../consent/consent.enums';
import { REDISCLOSURE_NOTICE } from '../disclosure';
import { derivedUuid, referralBundle, SYSTEMS } from './referral-fhir';
import {
  ContactMethod,
  DischargeSetting,
  ReferralOutcomeCode,
  ReferralReasonCode,
  ReferralStatus,
  ReferralUrgency,
} from './referral.enums';
import { Referral } from './referral.entity';

const now = new Date('2026-11-23T12:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function referral(over: Partial<Referral> = {}): Referral {
  return Object.assign(new Referral(), {
    id: '6f1c2f4e-2b7a-4f0e-9a34-0d7c1f2a9b10',
    createdBy: 'planner-1',
    referrerRole: 'discharge_planner',
    referrerOrgId: 'org-hospital',
    resourceId: '0b7e4a52-6f2c-4a49-8e39-7d7a5c1a2f00',
    locationId: '1c9d7e0a-5b3f-4d2e-9f10-3a4b5c6d7e8f',
    receivingOrgId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    personRef: 'mrn-123',
    personDisplayName: 'Ana R.',
    personPreferredLanguage: 'es',
    personContactMethod: ContactMethod.PHONE,
    personContact: '510-555-0199',
    personContactAllowed: true,
    needs: ['emergency-shelter', 'food-pantry'],
    setting: DischargeSetting.JAIL,
    expectedDischargeAt: new Date('2026-11-25T17:00:00Z'),
    urgency: ReferralUrgency.URGENT,
    status: ReferralStatus.IN_PROGRESS,
    statusReason: null,
    createdAt: new Date('2026-11-20T09:00:00Z'),
    updatedAt: new Date('2026-11-22T09:00:00Z'),
    version: 3,
    ...over,
  });
}

function consent(over: Partial<ReferralConsent> = {}): ReferralConsent {
  return Object.assign(new ReferralConsent(), {
    id: '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b',
    referralId: '6f1c2f4e-2b7a-4f0e-9a34-0d7c1f2a9b10',
    personRef: 'mrn-123',
    disclosingParty: 'County Jail Reentry Services',
    recipientOrganizationIds: ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    includesAssignedPeer: false,
    information: [ConsentInformation.IDENTITY, ConsentInformation.CONTACT],
    purpose: 'Arrange shelter on release',
    revocationAcknowledged: true,
    expiresAt: new Date('2027-02-20T00:00:00Z'),
    method: ConsentMethod.WRITTEN_SIGNATURE,
    signedBy: ConsentSigner.PATIENT,
    signedAt: new Date('2026-11-19T15:00:00Z'),
    recordedBy: 'planner-1',
    recordedAt: new Date('2026-11-19T15:05:00Z'),
    ...over,
  });
}

const full = FULL_ACCESS;
const none = NO_ACCESS;
const byType = <T>(bundle: ReturnType<typeof referralBundle>, type: string) =>
  bundle.entry!.filter((e) => e.resource?.resourceType === type).map((e) => e.resource as T);

describe('referral(id) { fhir }: a FHIR R4 Bundle', () => {
  it('is a collection of a ServiceRequest, its Task, the consents and the Patient, each with a urn:uuid fullUrl', () => {
    const bundle = referralBundle({
      referral: referral(),
      consents: [consent()],
      access: full,
      now,
    });
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: now.toISOString(),
    });
    expect(bundle.entry!.map((e) => e.resource!.resourceType)).toEqual([
      'ServiceRequest',
      'Task',
      'Consent',
      'Patient',
    ]);
    for (const entry of bundle.entry!) expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bundle.id).toMatch(UUID);
    // The same referral at the same version gives the same ids, so a receiver can de-duplicate.
    expect(referralBundle({ referral: referral(), consents: [], access: full, now }).id).toBe(
      bundle.id,
    );
  });

  it('maps the referral to a ServiceRequest: status, priority, needs, performer, discharge time', () => {
    const [sr] = byType<ServiceRequest>(
      referralBundle({ referral: referral(), consents: [], access: full, now }),
      'ServiceRequest',
    );
    expect(sr).toMatchObject({
      id: '6f1c2f4e-2b7a-4f0e-9a34-0d7c1f2a9b10',
      status: 'active',
      intent: 'order',
      priority: 'urgent',
      code: {
        coding: [
          { system: SYSTEMS.category, code: 'emergency-shelter' },
          { system: SYSTEMS.category, code: 'food-pantry' },
        ],
      },
      performer: [
        { type: 'Organization', identifier: { value: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' } },
      ],
      requester: { identifier: { value: 'planner-1' } },
      occurrenceDateTime: '2026-11-25T17:00:00.000Z',
      authoredOn: '2026-11-20T09:00:00.000Z',
    });
    expect(sr.meta!.profile![0]).toMatch(/SDOHCC-ServiceRequest$/);
    const closed = (status: ReferralStatus) =>
      byType<ServiceRequest>(
        referralBundle({ referral: referral({ status }), consents: [], access: full, now }),
        'ServiceRequest',
      )[0].status;
    expect(
      [
        ReferralStatus.DRAFT,
        ReferralStatus.ON_HOLD,
        ReferralStatus.COMPLETED,
        ReferralStatus.REJECTED,
        ReferralStatus.FAILED,
        ReferralStatus.ENTERED_IN_ERROR,
      ].map(closed),
    ).toEqual(['draft', 'on-hold', 'completed', 'revoked', 'revoked', 'entered-in-error']);
  });

  it('tracks the loop in a Task whose focus is the ServiceRequest, with the status mapped and the outcome', () => {
    const bundle = referralBundle({
      referral: referral({
        status: ReferralStatus.FAILED,
        statusReason: 'Did not arrive',
        statusReasonCode: ReferralReasonCode.UNABLE_TO_CONTACT,
        outcomeCode: ReferralOutcomeCode.DID_NOT_ARRIVE,
        outcomeNote: 'No show',
      }),
      consents: [],
      access: full,
      now,
    });
    const [task] = byType<Task>(bundle, 'Task');
    expect(task).toMatchObject({
      status: 'failed',
      intent: 'order',
      statusReason: {
        coding: [{ system: SYSTEMS.reason, code: 'UNABLE_TO_CONTACT' }],
        text: 'Did not arrive',
      },
      focus: { reference: bundle.entry![0].fullUrl, type: 'ServiceRequest' },
      owner: { identifier: { value: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' } },
      output: [
        {
          valueCodeableConcept: {
            coding: [{ system: SYSTEMS.outcome, code: 'DID_NOT_ARRIVE' }],
            text: 'No show',
          },
        },
      ],
    });
    expect(task.meta!.profile![0]).toMatch(/SDOHCC-TaskForReferralManagement$/);
  });

  it('gives the typed reason and outcome text only to a reader the policy discloses free text to', () => {
    const failed = referral({
      status: ReferralStatus.FAILED,
      statusReason: 'Ana R., born 1990-02-01, re-arrested on Friday',
      statusReasonCode: ReferralReasonCode.PERSON_UNAVAILABLE,
      outcomeCode: ReferralOutcomeCode.DID_NOT_ARRIVE,
      outcomeNote: 'Ana is back in county jail',
    });
    const bundle = referralBundle({ referral: failed, consents: [], access: none, now });
    const [task] = byType<Task>(bundle, 'Task');
    expect(task.statusReason).toEqual({
      coding: [{ system: SYSTEMS.reason, code: 'PERSON_UNAVAILABLE' }],
    });
    expect(task.output).toEqual([
      {
        type: { text: 'outcome' },
        valueCodeableConcept: { coding: [{ system: SYSTEMS.outcome, code: 'DID_NOT_ARRIVE' }] },
      },
    ]);
    expect(JSON.stringify(bundle)).not.toMatch(/1990|re-arrested|county jail|Ana/);
  });

  it('holds only the needs and discharge plan the policy opens, and labels substance-use information Part 2, restricted', () => {
    const sud = referral({
      needs: ['emergency-shelter', 'medication-for-addiction-treatment'],
      personContactAllowed: false,
    });
    const needsOnly = referralBundle({
      referral: sud,
      consents: [],
      access: { ...NO_ACCESS, identity: true, needs: true },
      now,
    });
    const [request] = byType<ServiceRequest>(needsOnly, 'ServiceRequest');
    expect(request.code?.coding?.map((c) => c.code)).toEqual(['emergency-shelter']);
    expect(request.occurrenceDateTime).toBeUndefined();
    expect(request.meta?.security).toBeUndefined();
    expect(JSON.stringify(needsOnly)).not.toMatch(/addiction|2026-11-25/);
    // Do not contact: in the bundle whatever else is withheld.
    const withheld = referralBundle({ referral: sud, consents: [], access: none, now });
    expect(byType<ServiceRequest>(withheld, 'ServiceRequest')[0]).toMatchObject({
      extension: [{ url: SYSTEMS.doNotContact, valueBoolean: true }],
    });
    expect(byType<ServiceRequest>(withheld, 'ServiceRequest')[0].code).toBeUndefined();

    const withSud = referralBundle({ referral: sud, consents: [], access: full, now });
    const [labelled] = byType<ServiceRequest>(withSud, 'ServiceRequest');
    expect(labelled.code?.coding?.map((c) => c.code)).toEqual([
      'emergency-shelter',
      'medication-for-addiction-treatment',
    ]);
    expect(labelled.occurrenceDateTime).toBe('2026-11-25T17:00:00.000Z');
    for (const security of [labelled.meta?.security, withSud.meta?.security]) {
      expect(security).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: '42CFRPart2' }),
          expect.objectContaining({
            system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
            code: 'R',
          }),
        ]),
      );
    }
  });

  it('carries each Consent with its Part 2 elements: recipients, purpose, period, policy, status', () => {
    const revoked = consent({
      id: 'a'.repeat(8) + '-aaaa-4aaa-8aaa-' + 'a'.repeat(12),
      revokedAt: new Date('2026-11-21T00:00:00Z'),
    });
    const consents = byType<Consent>(
      referralBundle({ referral: referral(), consents: [consent(), revoked], access: full, now }),
      'Consent',
    );
    expect(consents[0]).toMatchObject({
      status: 'active',
      scope: { coding: [{ code: 'patient-privacy' }] },
      category: [{ coding: [{ code: '59284-0' }] }, { coding: [{ code: '42CFRPart2' }] }],
      organization: [{ display: 'County Jail Reentry Services' }],
      provision: {
        type: 'permit',
        period: { start: '2026-11-19T15:00:00.000Z', end: '2027-02-20T00:00:00.000Z' },
        actor: [
          {
            role: { coding: [{ code: 'IRCP' }] },
            reference: { identifier: { value: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' } },
          },
        ],
        purpose: [{ display: 'Arrange shelter on release' }],
      },
    });
    expect(consents[0].policy).toHaveLength(1);
    expect(consents[0].policy?.[0].uri).toContain('part-2');
    expect(consents[1]).toMatchObject({
      status: 'inactive',
      provision: { period: { end: '2026-11-21T00:00:00.000Z' } },
    });
  });

  it('includes the Patient, labelled Part 2 with the re-disclosure notice, only when the person is disclosed', () => {
    const disclosed = referralBundle({ referral: referral(), consents: [], access: full, now });
    const [patient] = byType<Patient>(disclosed, 'Patient');
    expect(patient).toMatchObject({
      identifier: [{ system: SYSTEMS.person, value: 'mrn-123' }],
      name: [{ text: 'Ana R.' }],
      communication: [{ language: { coding: [{ code: 'es' }] }, preferred: true }],
      telecom: [{ system: 'phone', value: '510-555-0199' }],
    });
    expect(patient.id).toBe(derivedUuid('person:org-hospital:mrn-123'));
    // The same reference from another organization is another person.
    const elsewhere = referralBundle({
      referral: referral({ referrerOrgId: 'org-clinic' }),
      consents: [],
      access: full,
      now,
    });
    expect(byType<Patient>(elsewhere, 'Patient')[0].id).not.toBe(patient.id);
    expect(byType<ServiceRequest>(disclosed, 'ServiceRequest')[0].subject.reference).toBe(
      `urn:uuid:${patient.id}`,
    );
    expect(disclosed.meta!.security!.map((c) => c.code)).toEqual(['42CFRPart2', 'NORDSCLCD']);
    expect(disclosed.meta!.extension![0].valueString).toBe(REDISCLOSURE_NOTICE);

    const noContact = byType<Patient>(
      referralBundle({
        referral: referral(),
        consents: [],
        access: { ...FULL_ACCESS, contact: false },
        now,
      }),
      'Patient',
    );
    expect(noContact[0].telecom).toBeUndefined();

    const withheld = referralBundle({
      referral: referral(),
      consents: [consent()],
      access: none,
      now,
    });
    expect(withheld.entry!.map((e) => e.resource!.resourceType)).toEqual([
      'ServiceRequest',
      'Task',
      'Consent',
    ]);
    expect(JSON.stringify(withheld)).not.toMatch(/Ana R\.|mrn-123|510-555-0199/);
    expect(byType<Task>(withheld, 'Task')[0].for).toEqual({
      display: 'Withheld: no consent covers you',
    });
    expect(withheld.meta).toBeUndefined();
  });
});
