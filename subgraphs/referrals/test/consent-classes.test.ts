import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../kit/identity';
import {
  consentInput,
  createReferral,
  expectData,
  partnerOf,
  planner,
  rows,
  useReferrals,
} from './harness';
import { fhirErrors } from './fhir-profiles';

const api = useReferrals();

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
    fhir: {
      meta?: { security?: { code: string }[] };
      entry: {
        resource: {
          resourceType: string;
          code?: { coding?: { code: string }[] };
          occurrenceDateTime?: string;
          meta?: { security?: { system: string; code: string }[] };
        };
      }[];
    };
  };
}

const NEEDS = ['emergency-shelter', 'substance-use-treatment'];

async function sent(consent: Record<string, unknown> | null, person: Record<string, unknown> = {}) {
  const listing = await api().listing();
  const referrer = planner(randomUUID());
  const referral = await createReferral(api(), listing, referrer, {
    needs: NEEDS,
    person: {
      displayName: 'Ana R.',
      contactMethod: 'PHONE',
      contact: '510-555-0199',
      contactAllowed: true,
      ...person,
    },
    ...(consent ? { consent: consentInput(consent) } : {}),
  });
  return { referrer, referral, receiver: partnerOf(listing.organization.id) };
}
/** A reader's view; its FHIR bundle, whatever it withholds, is valid R4 and meets every profile it claims. */
async function read(id: string, who: Identity) {
  const seen = expectData(await api().referrals.execute<ReadData>(READ, { id }, who)).referral;
  expect(fhirErrors(seen.fhir)).toEqual([]);
  return seen;
}
const request = (seen: ReadData['referral']) =>
  seen.fhir.entry.find((e) => e.resource.resourceType === 'ServiceRequest')!.resource;

describe('each consent class opens only its own fields', () => {
  it('IDENTITY + NEEDS: the person and the needs, not substance-use treatment, not the discharge date', async () => {
    const { referral, receiver } = await sent({ information: ['IDENTITY', 'NEEDS'] });
    const seen = await read(referral.id, receiver);
    expect(seen.person?.displayName).toBe('Ana R.');
    expect(seen.needs).toEqual(['emergency-shelter']);
    expect(seen.expectedDischargeAt).toBeNull();
    // The SNOMED CT referral code, then the needs the classes open.
    expect(request(seen).code?.coding?.map((c) => c.code)).toEqual([
      '3457005',
      'emergency-shelter',
    ]);
    expect(request(seen).occurrenceDateTime).toBeUndefined();
    expect(JSON.stringify(seen)).not.toMatch(/substance-use/);
  });

  it('no consent: neither the person, nor the needs, nor the discharge date', async () => {
    const { referral, receiver } = await sent(null);
    const seen = await read(referral.id, receiver);
    expect(seen).toMatchObject({
      person: null,
      needs: [],
      expectedDischargeAt: null,
      consents: [],
    });
    // The SNOMED CT referral code alone: SDOHCC requires a code, the needs stay withheld.
    expect(request(seen).code?.coding?.map((c) => c.code)).toEqual(['3457005']);
    expect(JSON.stringify(request(seen))).not.toMatch(/emergency|shelter|homeless|substance/);
    expect(request(seen).occurrenceDateTime).toBeUndefined();
  });

  it('every class: all of it, the substance-use information labelled Part 2 and restricted, and the log names each class', async () => {
    const { referral, receiver, referrer } = await sent({
      information: ['IDENTITY', 'CONTACT', 'NEEDS', 'DISCHARGE_PLAN', 'SUBSTANCE_USE_TREATMENT'],
    });
    const seen = await read(referral.id, receiver);
    expect(seen.needs).toEqual(NEEDS);
    expect(seen.expectedDischargeAt).toEqual(expect.any(String) as unknown);
    expect(request(seen).meta?.security).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: '42CFRPart2' }),
        expect.objectContaining({ code: 'R' }),
      ]),
    );
    const [fhirRow] = await rows<{ disclosed: string[] }>(
      api(),
      "select disclosed from referral_access where referral_id = ? and operation like 'Referral.fhir%' and accessor = ?",
      [referral.id, receiver.sub],
    );
    expect(fhirRow.disclosed).toEqual([
      'FHIR',
      'IDENTITY',
      'CONTACT',
      'NEEDS',
      'DISCHARGE_PLAN',
      'SUBSTANCE_USE_TREATMENT',
    ]);
    // The referring side sees it all, whatever the consent.
    expect((await read(referral.id, referrer)).needs).toEqual(NEEDS);
  });

  it('a Consent is shown only to the parties it names', async () => {
    const { referral, receiver, referrer } = await sent({
      recipientOrganizationIds: [randomUUID()],
      purpose: 'Housing with Eastside Recovery',
    });
    const seen = await read(referral.id, receiver);
    expect(seen.consents).toEqual([]);
    expect(JSON.stringify(seen)).not.toMatch(/Eastside|Consent"/);
    expect((await read(referral.id, referrer)).consents).toHaveLength(1);
  });

  it('do-not-contact is always visible, and a person who may not be contacted has no contact shown', async () => {
    const withheld = await sent(null, { contactAllowed: false });
    expect(await read(withheld.referral.id, withheld.receiver)).toMatchObject({
      doNotContact: true,
      person: null,
    });
    const consented = await sent(
      { information: ['IDENTITY', 'CONTACT', 'NEEDS'] },
      { contactAllowed: false },
    );
    const seen = await read(consented.referral.id, consented.receiver);
    expect(seen).toMatchObject({
      doNotContact: true,
      person: { contact: null, contactAllowed: false },
    });
    expect(JSON.stringify(seen)).not.toMatch(/555/);
  });
});
