import type { Consent, Patient, ServiceRequest, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { FULL_ACCESS, NO_ACCESS } from '../access';
import { ReferralConsent } from '../consent/consent.entity';
import { ConsentInformation, ConsentMethod, ConsentSigner } from '../consent/consent.enums';
import { REDISCLOSURE_NOTICE } from '../disclosure';
import { fhirErrors, schemaErrors } from '../test/fhir-profiles';
import { derivedUuid, referralBundle, SDOHCC_CODES, SYSTEMS } from './referral-fhir';
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
      'Organization',
      'Organization',
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
      category: [
        { coding: [{ system: SDOHCC_CODES, code: 'homelessness' }] },
        { coding: [{ system: SDOHCC_CODES, code: 'food-insecurity' }] },
      ],
      code: {
        coding: [
          { system: 'http://snomed.info/sct', code: '3457005' },
          { system: SYSTEMS.category, code: 'emergency-shelter' },
          { system: SYSTEMS.category, code: 'food-pantry' },
        ],
      },
      performer: [
        { type: 'Organization', identifier: { value: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' } },
      ],
      requester: { type: 'Organization', identifier: { value: 'org-hospital' } },
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
          type: { coding: [{ system: SDOHCC_CODES, code: 'resulting-activity' }] },
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
      text: 'PERSON_UNAVAILABLE',
    });
    expect(task.output).toEqual([
      {
        type: {
          coding: [
            { system: SDOHCC_CODES, code: 'resulting-activity', display: 'Resulting Activity' },
          ],
        },
        valueCodeableConcept: { coding: [{ system: SYSTEMS.outcome, code: 'DID_NOT_ARRIVE' }] },
      },
    ]);
    expect(JSON.stringify(bundle)).not.toMatch(/1990-|re-arrested|county jail|Ana/);
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
    expect(request.code?.coding?.map((c) => c.code)).toEqual(['3457005', 'emergency-shelter']);
    expect(request.category).toEqual([
      { coding: [{ system: SDOHCC_CODES, code: 'homelessness' }] },
    ]);
    expect(request.occurrenceDateTime).toBeUndefined();
    expect(request.meta?.security).toBeUndefined();
    expect(JSON.stringify(needsOnly)).not.toMatch(/addiction|2026-11-25/);
    // Do not contact: in the bundle whatever else is withheld.
    const withheld = referralBundle({ referral: sud, consents: [], access: none, now });
    const [withheldRequest] = byType<ServiceRequest>(withheld, 'ServiceRequest');
    expect(withheldRequest.orderDetail).toEqual([
      {
        coding: [
          expect.objectContaining({
            system: SDOHCC_CODES,
            code: 'contacting-subject-prohibited',
          }) as unknown,
        ],
      },
    ]);
    // Needs withheld: the referral code alone, and a category that says nothing of them.
    expect(withheldRequest.code).toEqual({
      coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }],
      text: 'Patient referral',
    });
    expect(withheldRequest.category).toEqual([
      { coding: [{ system: SDOHCC_CODES, code: 'sdoh-category-unspecified' }] },
    ]);
    expect(
      byType<ServiceRequest>(
        referralBundle({ referral: referral(), consents: [], access: full, now }),
        'ServiceRequest',
      )[0].orderDetail,
    ).toBeUndefined();

    const withSud = referralBundle({ referral: sud, consents: [], access: full, now });
    const [labelled] = byType<ServiceRequest>(withSud, 'ServiceRequest');
    expect(labelled.code?.coding?.map((c) => c.code)).toEqual([
      '3457005',
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
      category: [
        { coding: [{ code: '59284-0' }] },
        { coding: [{ code: 'IDSCL' }] },
        { coding: [{ code: '42CFRPart2' }] },
      ],
      sourceAttachment: { creation: '2026-11-19T15:00:00.000Z' },
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
        purpose: [{ code: 'COC' }, { display: 'Arrange shelter on release' }],
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
      gender: 'unknown',
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
      'Organization',
      'Organization',
    ]);
    expect(JSON.stringify(withheld)).not.toMatch(/Ana R\.|mrn-123|510-555-0199/);
    expect(byType<Task>(withheld, 'Task')[0].for).toEqual({
      display: 'Withheld: no consent covers you',
    });
    expect(withheld.meta).toBeUndefined();
  });
});

describe('referral(id) { fhir }: conformance to the FHIR R4 schema and the profiles it claims', () => {
  const failed = referral({
    status: ReferralStatus.FAILED,
    statusReason: 'Did not arrive',
    statusReasonCode: ReferralReasonCode.UNABLE_TO_CONTACT,
    outcomeCode: ReferralOutcomeCode.DID_NOT_ARRIVE,
    outcomeNote: 'No show',
  });
  const bundles = {
    'everything disclosed': referralBundle({
      referral: referral(),
      consents: [consent()],
      access: full,
      now,
    }),
    'nothing disclosed': referralBundle({
      referral: failed,
      consents: [consent()],
      access: none,
      now,
    }),
    'closed with an outcome': referralBundle({
      referral: failed,
      consents: [],
      access: full,
      now,
    }),
    'substance use, do not contact': referralBundle({
      referral: referral({
        needs: ['medication-for-addiction-treatment', 'legal-aid'],
        personContactAllowed: false,
      }),
      consents: [consent({ revokedAt: new Date('2026-11-21T00:00:00Z') })],
      access: { ...NO_ACCESS, identity: true, needs: true },
      now,
    }),
    'a referrer without an organization': referralBundle({
      referral: referral({ referrerOrgId: null, createdBy: 'peer-7', referrerRole: 'peer' }),
      consents: [consent()],
      access: full,
      now,
    }),
  };

  it.each(Object.entries(bundles))('%s: valid, and every claimed profile met', (_, bundle) => {
    expect(fhirErrors(bundle)).toEqual([]);
    const claimed = bundle.entry!.flatMap((e) => e.resource!.meta?.profile ?? []);
    expect(claimed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/SDOHCC-ServiceRequest$/) as unknown,
        expect.stringMatching(/SDOHCC-TaskForReferralManagement$/) as unknown,
      ]),
    );
  });

  it('claims US Core Patient and SDOHCC Consent where they are in the bundle', () => {
    const bundle = bundles['everything disclosed'];
    expect(byType<Patient>(bundle, 'Patient')[0].meta!.profile).toEqual([
      'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient',
    ]);
    expect(byType<Consent>(bundle, 'Consent')[0].meta!.profile).toEqual([
      'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Consent',
    ]);
  });

  it('points requester and owner at Organization or PractitionerRole resources in the bundle', () => {
    for (const bundle of Object.values(bundles)) {
      const urls = new Map(bundle.entry!.map((e) => [e.fullUrl, e.resource!.resourceType]));
      const [task] = byType<Task>(bundle, 'Task');
      const [request] = byType<ServiceRequest>(bundle, 'ServiceRequest');
      for (const ref of [task.requester, task.owner, request.requester, ...request.performer!])
        expect(['Organization', 'PractitionerRole']).toContain(urls.get(ref!.reference));
      for (const ref of request.supportingInfo ?? [])
        expect(urls.get(ref.reference)).toBe('Consent');
    }
    const peer = bundles['a referrer without an organization'];
    expect(byType<Task>(peer, 'Task')[0].requester).toMatchObject({ type: 'PractitionerRole' });
  });

  /** A copy of the full bundle with `change` applied to its first resource of `type`. */
  function broken<T>(type: string, change: (resource: T) => void) {
    const copy = structuredClone(bundles['everything disclosed']);
    change(byType<T>(copy, type)[0]);
    return copy;
  }

  it.each([
    [
      'ServiceRequest.code: only a local code',
      broken<ServiceRequest>('ServiceRequest', (s) => {
        s.code = { coding: [{ system: SYSTEMS.category, code: 'emergency-shelter' }] };
      }),
      /ServiceRequest\.code: /,
    ],
    [
      'ServiceRequest.category: no SDOH category',
      broken<ServiceRequest>('ServiceRequest', (s) => {
        s.category = [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005' }] }];
      }),
      /ServiceRequest\.category:SDOH/,
    ],
    [
      'ServiceRequest.orderDetail: a code outside the value set',
      broken<ServiceRequest>('ServiceRequest', (s) => {
        s.orderDetail = [{ coding: [{ system: SDOHCC_CODES, code: 'do-not-call' }] }];
      }),
      /ServiceRequest\.orderDetail/,
    ],
    [
      'Task.owner: a user account, not a resource in the bundle',
      broken<Task>('Task', (t) => {
        t.owner = { identifier: { system: SYSTEMS.user, value: 'partner-1' } };
      }),
      /Task\.owner/,
    ],
    [
      'Task.output: without the resulting-activity type',
      broken<Task>('Task', (t) => {
        t.output = [{ type: { text: 'outcome' }, valueString: 'done' }];
      }),
      /Task\.output:ResultingActivity/,
    ],
    [
      'Task.code: not fulfill',
      broken<Task>('Task', (t) => {
        t.code = {
          coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'abort' }],
        };
      }),
      /Task\.code/,
    ],
    [
      'Consent: no IDSCL category',
      broken<Consent>('Consent', (c) => {
        c.category = c.category.filter((x) => x.coding?.[0].code !== 'IDSCL');
      }),
      /Consent\.category:IDSCL/,
    ],
    [
      'Consent: no source',
      broken<Consent>('Consent', (c) => {
        delete c.sourceAttachment;
      }),
      /Consent\.source\[x\]/,
    ],
    [
      'Patient: no gender',
      broken<Patient>('Patient', (p) => {
        delete p.gender;
      }),
      /Patient\.gender/,
    ],
    [
      'Patient: a name with neither parts nor a data-absent reason',
      broken<Patient>('Patient', (p) => {
        p.name = [{ text: 'Ana R.' }];
      }),
      /Patient\.name/,
    ],
    [
      'a profile the check does not know',
      broken<Patient>('Patient', (p) => {
        p.meta = { profile: ['http://example.org/StructureDefinition/made-up'] };
      }),
      /does not know/,
    ],
  ])('fails a bundle whose %s', (_, bundle, error) => {
    expect(fhirErrors(bundle)).toEqual(expect.arrayContaining([expect.stringMatching(error)]));
  });

  it.each([
    [
      'a Task status outside TaskStatus',
      broken<Task>('Task', (t) => {
        Object.assign(t, { status: 'done' });
      }),
    ],
    [
      'a Consent without the scope R4 requires',
      broken<Consent>('Consent', (c) => {
        Reflect.deleteProperty(c, 'scope');
      }),
    ],
    [
      'an element FHIR does not define',
      broken<ServiceRequest>('ServiceRequest', (s) => {
        Object.assign(s, { doNotContact: true });
      }),
    ],
    [
      'a date that is not a FHIR dateTime',
      broken<ServiceRequest>('ServiceRequest', (s) => {
        s.authoredOn = '20 Nov 2026';
      }),
    ],
  ])('the FHIR R4 schema rejects %s', (_, bundle) => {
    expect(schemaErrors(bundle)).not.toEqual([]);
  });
});
