import { describe, expect, it } from 'vitest';
import {
  consentProblems,
  dayOf,
  emptyForm,
  personProblems,
  toInput,
  type ReferralForm,
} from './draft';

const now = new Date(2026, 5, 10, 9, 30);
const filled = (changes: Partial<ReferralForm> = {}): ReferralForm => ({
  ...emptyForm(now),
  displayName: 'Maria G.',
  contact: '(510) 555-0199',
  needs: ['emergency-shelter'],
  disclosingParty: 'Highland Hospital Social Work',
  purpose: 'to arrange housing after discharge',
  revocationAcknowledged: true,
  ...changes,
});

describe('the referral form’s rules (the API’s, checked before sending)', () => {
  it('accepts a complete referral and sends the API what it takes', () => {
    expect(personProblems(filled(), now)).toEqual({});
    expect(consentProblems(filled(), now)).toEqual({});
    const input = toInput(filled({ expectedDischarge: '2026-06-12' }), 'r1', now);
    expect(input.person).toEqual({
      displayName: 'Maria G.',
      preferredLanguage: null,
      contactMethod: 'PHONE',
      contact: '(510) 555-0199',
      contactAllowed: true,
    });
    // Signed today means signed now: the API refuses a signature in the future.
    expect(input.consent?.signedAt).toBe(now.toISOString());
    expect(new Date(input.consent!.expiresAt).getTime()).toBeGreaterThan(now.getTime());
    expect(input.consent?.information).toEqual(['IDENTITY', 'CONTACT', 'NEEDS', 'DISCHARGE_PLAN']);
  });

  it('asks for a name, a phone number that is one, and at least one need', () => {
    expect(
      personProblems(filled({ displayName: ' ', contact: 'call me', needs: [] }), now),
    ).toEqual({
      'person.displayName': 'required',
      'person.contact': 'phone',
      needs: 'chooseOne',
    });
    // No direct contact: no number asked for, and none sent.
    const none = filled({ contactMethod: 'THROUGH_REFERRER', contact: '' });
    expect(personProblems(none, now)).toEqual({});
    expect(toInput(none, 'r1', now).person).toMatchObject({ contact: null, contactAllowed: false });
  });

  it('refuses a discharge date in the past or more than a year ahead', () => {
    expect(personProblems(filled({ expectedDischarge: '2026-06-09' }), now)).toEqual({
      expectedDischargeAt: 'past',
    });
    expect(personProblems(filled({ expectedDischarge: dayOf(now) }), now)).toEqual({});
    expect(personProblems(filled({ expectedDischarge: '2027-07-01' }), now)).toEqual({
      expectedDischargeAt: 'tooFar',
    });
  });

  it('requires every consent element: who, what (with who the person is), why, until when, revocation', () => {
    const form = filled({
      disclosingParty: '',
      information: ['NEEDS'],
      purpose: '',
      revocationAcknowledged: false,
      expiresOn: dayOf(now),
    });
    expect(consentProblems(form, now)).toEqual({
      'consent.disclosingParty': 'required',
      'consent.information': 'identity',
      'consent.purpose': 'required',
      'consent.expiresAt': 'expiryPast',
      'consent.revocationAcknowledged': 'revocation',
    });
  });

  it('checks the signature: not in the future, not over a year old, and a representative’s authority', () => {
    expect(consentProblems(filled({ signedOn: '2026-06-11' }), now)).toMatchObject({
      'consent.signedAt': 'signedFuture',
    });
    expect(consentProblems(filled({ signedOn: '2025-06-01' }), now)).toMatchObject({
      'consent.signedAt': 'signedOld',
    });
    expect(consentProblems(filled({ signedBy: 'AUTHORIZED_REPRESENTATIVE' }), now)).toEqual({
      'consent.representativeRelationship': 'required',
    });
  });
});
