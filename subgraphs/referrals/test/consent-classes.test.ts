import { randomUUID } from 'node:crypto';
import type { Patient, ServiceRequest } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../kit/identity';
import { fhirClient } from './fhir-client';
import { fhirErrors } from './fhir-profiles';
import {
  admin,
  consentInput,
  createReferral,
  expectData,
  expectError,
  partnerOf,
  peerUser,
  planner,
  rows,
  useReferrals,
} from './harness';

const api = useReferrals();
const fhir = fhirClient(api);

const READ = `query Classes($id: ID!) { referral(id: $id) { id needs expectedDischargeAt doNotContact
  person { displayName contact contactAllowed } consents { id purpose } fhir } }`;
interface ReadData {
  referral: {
    id: string;
    needs: string[];
    expectedDischargeAt: string | null;
    doNotContact: boolean;
    person: { displayName: string; contact: string | null; contactAllowed: boolean } | null;
    consents: { id: string; purpose: string }[];
    fhir: unknown;
  };
}

const NAME = 'Ana R.';
const PHONE = '510-555-0199';
const NEEDS = ['emergency-shelter', 'substance-use-treatment'];
const ALL = ['IDENTITY', 'CONTACT', 'NEEDS', 'DISCHARGE_PLAN', 'SUBSTANCE_USE_TREATMENT'];

type Case =
  | 'no consent'
  | 'identity only'
  | 'identity + needs'
  | 'all classes'
  | 'revoked'
  | 'expired'
  | 'other organization named'
  | 'do not contact';
type Reader = 'referrer' | 'receiving partner' | 'assigned peer' | 'other partner' | 'admin';

/** Each case's consent (null: none), whether the person may be contacted, and what happens after. */
const CASES: Record<
  Case,
  {
    information: string[] | null;
    otherOrg?: true;
    contactAllowed?: false;
    then?: 'revoke' | 'expire';
  }
> = {
  'no consent': { information: null },
  'identity only': { information: ['IDENTITY'] },
  'identity + needs': { information: ['IDENTITY', 'NEEDS'] },
  'all classes': { information: ALL },
  revoked: { information: ALL, then: 'revoke' },
  expired: { information: ALL, then: 'expire' },
  'other organization named': { information: ALL, otherOrg: true },
  'do not contact': { information: ALL, contactAllowed: false },
};

/**
 * What one reader is shown of one referral, the same words for both channels: `person` (who),
 * `contact`, `needs` (the shelter need), `sud` (the substance-use treatment need), `discharge` (the
 * expected discharge), `consent` (the consent itself); NOT_FOUND when the referral is not theirs.
 * The consent names the receiving organization and the assigned peer, except in "other organization
 * named", which names only an organization that is neither. do-not-contact is shown to everyone who
 * sees the referral.
 */
const EVERYTHING = 'person contact needs sud discharge consent';
const TABLE: [Case, Reader, string][] = [
  ['no consent', 'referrer', 'person contact needs sud discharge'],
  ['no consent', 'receiving partner', ''],
  ['no consent', 'assigned peer', ''],
  ['no consent', 'other partner', 'NOT_FOUND'],
  ['no consent', 'admin', 'person contact needs sud discharge'],
  ['identity only', 'referrer', EVERYTHING],
  ['identity only', 'receiving partner', 'person consent'],
  ['identity only', 'assigned peer', 'person consent'],
  ['identity only', 'other partner', 'NOT_FOUND'],
  ['identity only', 'admin', EVERYTHING],
  ['identity + needs', 'referrer', EVERYTHING],
  ['identity + needs', 'receiving partner', 'person needs consent'],
  ['identity + needs', 'assigned peer', 'person needs consent'],
  ['identity + needs', 'other partner', 'NOT_FOUND'],
  ['identity + needs', 'admin', EVERYTHING],
  ['all classes', 'referrer', EVERYTHING],
  ['all classes', 'receiving partner', EVERYTHING],
  ['all classes', 'assigned peer', EVERYTHING],
  ['all classes', 'other partner', 'NOT_FOUND'],
  ['all classes', 'admin', EVERYTHING],
  ['revoked', 'referrer', EVERYTHING],
  ['revoked', 'receiving partner', 'consent'],
  ['revoked', 'assigned peer', 'consent'],
  ['revoked', 'other partner', 'NOT_FOUND'],
  ['revoked', 'admin', EVERYTHING],
  ['expired', 'referrer', EVERYTHING],
  ['expired', 'receiving partner', 'consent'],
  ['expired', 'assigned peer', 'consent'],
  ['expired', 'other partner', 'NOT_FOUND'],
  ['expired', 'admin', EVERYTHING],
  ['other organization named', 'referrer', EVERYTHING],
  ['other organization named', 'receiving partner', ''],
  ['other organization named', 'assigned peer', ''],
  ['other organization named', 'other partner', 'NOT_FOUND'],
  ['other organization named', 'admin', EVERYTHING],
  ['do not contact', 'referrer', EVERYTHING],
  ['do not contact', 'receiving partner', 'person needs sud discharge consent'],
  ['do not contact', 'assigned peer', 'person needs sud discharge consent'],
  ['do not contact', 'other partner', 'NOT_FOUND'],
  ['do not contact', 'admin', EVERYTHING],
];

interface Scene {
  id: string;
  consentId: string | null;
  readers: Record<Reader, Identity>;
}

const scenes = new Map<Case, Promise<Scene>>();

/** One referral per case, made on first use and read by every reader of the table. */
function scene(name: Case): Promise<Scene> {
  let made = scenes.get(name);
  if (!made) {
    made = makeScene(name);
    scenes.set(name, made);
  }
  return made;
}

async function makeScene(name: Case): Promise<Scene> {
  const spec = CASES[name];
  const listing = await api().listing();
  const referrer = planner();
  const peer = api().peers.add();
  const referral = await createReferral(api(), listing, referrer, {
    needs: NEEDS,
    assignedPeerId: peer,
    person: {
      displayName: NAME,
      contactMethod: 'PHONE',
      contact: PHONE,
      contactAllowed: spec.contactAllowed ?? true,
    },
    ...(spec.information
      ? {
          consent: consentInput({
            information: spec.information,
            ...(spec.otherOrg
              ? { recipientOrganizationIds: [randomUUID()] }
              : { recipientPeerIds: [peer] }),
          }),
        }
      : {}),
  });
  const consent = (
    await rows<{ id: string }>(api(), 'select id from referral_consent where referral_id = ?', [
      referral.id,
    ])
  ).at(0);
  if (spec.then === 'revoke' && consent) {
    expectData(
      await api().referrals.execute(
        'mutation($id: ID!) { revokeConsent(consentId: $id, reason: "Changed my mind") { id } }',
        { id: consent.id },
        referrer,
      ),
    );
  }
  if (spec.then === 'expire' && consent) {
    await rows(
      api(),
      "update referral_consent set signed_at = now() - interval '2 days', expires_at = now() - interval '1 day' where id = ?",
      [consent.id],
    );
  }
  return {
    id: referral.id,
    consentId: consent?.id ?? null,
    readers: {
      referrer,
      'receiving partner': partnerOf(listing.organization.id),
      'assigned peer': peerUser(peer),
      'other partner': partnerOf(randomUUID()),
      admin: admin(),
    },
  };
}

const PARTS = ['person', 'contact', 'needs', 'sud', 'discharge', 'consent'] as const;
type Seen = Record<(typeof PARTS)[number], boolean>;
const expected = (visible: string): Seen =>
  Object.fromEntries(PARTS.map((p) => [p, visible.split(' ').includes(p)])) as Seen;

/** What GraphQL shows the reader, and everything it answered (to look for leaks). */
async function viaGraphQL(s: Scene, who: Identity) {
  const body = await api().referrals.execute<ReadData>(READ, { id: s.id }, who);
  if (body.errors?.length) {
    expectError(body, 'NOT_FOUND');
    return { found: false, text: JSON.stringify(body) };
  }
  const seen = expectData(body).referral;
  expect(fhirErrors(seen.fhir)).toEqual([]);
  return {
    found: true,
    doNotContact: seen.doNotContact,
    text: JSON.stringify(body),
    seen: {
      person: seen.person !== null,
      contact: Boolean(seen.person?.contact),
      needs: seen.needs.includes('emergency-shelter'),
      sud: seen.needs.includes('substance-use-treatment'),
      discharge: seen.expectedDischargeAt !== null,
      consent: seen.consents.length > 0,
    } satisfies Seen,
  };
}

/** What /fhir shows the reader: Task, ServiceRequest, Patient and Consent reads, each valid. */
async function viaFhir(s: Scene, who: Identity) {
  const task = await fhir.get(`/Task/${s.id}`, who);
  if (task.status === 404) {
    for (const path of [`/ServiceRequest/${s.id}`, `/Patient/${s.id}`])
      expect((await fhir.get(path, who)).status).toBe(404);
    return { found: false, text: JSON.stringify(task.body) };
  }
  expect(task.status).toBe(200);
  await fhir.expectValid(task, who);
  const request = await fhir.get<ServiceRequest>(`/ServiceRequest/${s.id}`, who);
  await fhir.expectValid(request, who);
  const patient = await fhir.get<Patient>(`/Patient/${s.id}`, who);
  if (patient.status === 200) await fhir.expectValid(patient, who);
  else expect(patient.status).toBe(404);
  const consent = s.consentId ? await fhir.get(`/Consent/${s.consentId}`, who) : null;
  if (consent?.status === 200) await fhir.expectValid(consent, who);
  const codes = (request.body.code?.coding ?? []).map((c) => c.code);
  return {
    found: true,
    doNotContact: (request.body.orderDetail ?? []).some((d) =>
      d.coding?.some((c) => c.code === 'contacting-subject-prohibited'),
    ),
    text: JSON.stringify([task.body, request.body, patient.body, consent?.body]),
    seen: {
      person: patient.status === 200,
      contact: patient.status === 200 && Boolean(patient.body.telecom?.length),
      needs: codes.includes('emergency-shelter'),
      sud: codes.includes('substance-use-treatment'),
      discharge: request.body.occurrenceDateTime !== undefined,
      consent:
        consent?.status === 200 &&
        (request.body.supportingInfo ?? []).some((r) => r.reference === `Consent/${s.consentId}`),
    } satisfies Seen,
  };
}

describe('consent x reader: what each reader sees, in GraphQL and in FHIR alike', () => {
  it.each(TABLE)('%s, read by the %s: %s', async (name, reader, visible) => {
    const s = await scene(name);
    const who = s.readers[reader];
    for (const view of [await viaGraphQL(s, who), await viaFhir(s, who)]) {
      if (visible === 'NOT_FOUND') {
        expect(view.found).toBe(false);
        expect(view.text).not.toContain(NAME);
        continue;
      }
      const want = expected(visible);
      expect(view.seen).toEqual(want);
      expect(view.doNotContact).toBe(name === 'do not contact');
      // What is withheld is nowhere in the answer, not only absent from its own field.
      if (!want.person) expect(view.text).not.toContain(NAME);
      if (!want.contact) expect(view.text).not.toContain(PHONE);
      if (!want.sud) expect(view.text).not.toMatch(/substance-use/);
      if (!want.needs) expect(view.text).not.toMatch(/emergency-shelter|homelessness/);
    }
  });
});

describe('the access log', () => {
  it('names each class a FHIR bundle disclosed', async () => {
    const s = await scene('all classes');
    const receiver = s.readers['receiving partner'];
    await viaGraphQL(s, receiver);
    const [fhirRow] = await rows<{ disclosed: string[] }>(
      api(),
      "select disclosed from referral_access where referral_id = ? and operation like 'Referral.fhir%' and accessor = ?",
      [s.id, receiver.sub],
    );
    expect(fhirRow.disclosed).toEqual([
      'FHIR',
      'IDENTITY',
      'CONTACT',
      'NEEDS',
      'DISCHARGE_PLAN',
      'SUBSTANCE_USE_TREATMENT',
    ]);
  });
});
