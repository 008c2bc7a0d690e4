import { describe, expect, it } from 'vitest';
import {
  disclosedNeeds,
  FULL_ACCESS,
  involvement,
  NO_ACCESS,
  personAccess,
  type ReferralParties,
} from '../access';
import type { Identity } from '../../kit/identity';
import {
  consentDraftProblem,
  consentStatus,
  coveredInformation,
  type ConsentTerms,
} from './consent-rules';
import { ConsentInformation as I, ConsentSigner, ConsentStatus } from './consent.enums';

const now = new Date('2026-11-23T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const RECEIVER = 'org-receiver';

const consent = (over: Partial<ConsentTerms> = {}): ConsentTerms => ({
  recipientOrganizationIds: [RECEIVER],
  recipientPeerIds: [],
  information: [I.IDENTITY, I.CONTACT, I.NEEDS],
  signedAt: days(-1),
  expiresAt: days(30),
  revokedAt: null,
  ...over,
});

const referral: ReferralParties = {
  createdBy: 'planner-1',
  referrerOrgId: 'org-hospital',
  receivingOrgId: RECEIVER,
  assignedPeerId: 'peer-7',
  assignedPeerOrgId: 'org-peers',
  personContactAllowed: true,
  requestedAt: days(-1),
};

const as = (identity: Partial<Identity>) =>
  involvement({ sub: 'someone', roles: [], org: null, peer: null, ...identity }, referral);
const partner = as({ roles: ['partner'], org: RECEIVER });
const peer = as({ roles: ['peer'], peer: 'peer-7' });

describe('consent status', () => {
  it('is active until it expires or is revoked, whichever is first', () => {
    expect(consentStatus(consent(), now)).toBe(ConsentStatus.ACTIVE);
    expect(consentStatus(consent({ expiresAt: now }), now)).toBe(ConsentStatus.EXPIRED);
    expect(consentStatus(consent({ revokedAt: now }), now)).toBe(ConsentStatus.REVOKED);
    expect(consentStatus(consent({ revokedAt: days(-2), expiresAt: days(-1) }), now)).toBe(
      ConsentStatus.REVOKED,
    );
  });
});

describe('what a consent covers', () => {
  it('covers only the organizations it names, for the information it names', () => {
    expect([...coveredInformation([consent()], { organizationId: RECEIVER }, now)].sort()).toEqual([
      I.CONTACT,
      I.IDENTITY,
      I.NEEDS,
    ]);
    expect(coveredInformation([consent()], { organizationId: 'org-other' }, now).size).toBe(0);
    const peer7 = { peerId: 'peer-7', peerOrganizationId: 'org-peers' };
    expect(coveredInformation([consent()], peer7, now).size).toBe(0);
    expect(
      coveredInformation([consent({ recipientPeerIds: ['peer-7'] })], peer7, now).has(I.IDENTITY),
    ).toBe(true);
    // A consent naming another peer does not cover this one, however it was assigned.
    expect(coveredInformation([consent({ recipientPeerIds: ['peer-8'] })], peer7, now).size).toBe(
      0,
    );
    // Naming the organization the peer works for covers them.
    expect(
      coveredInformation([consent({ recipientOrganizationIds: ['org-peers'] })], peer7, now).has(
        I.IDENTITY,
      ),
    ).toBe(true);
    expect(
      coveredInformation(
        [consent({ recipientOrganizationIds: ['org-peers'] })],
        { peerId: 'peer-7', peerOrganizationId: null },
        now,
      ).size,
    ).toBe(0);
  });

  it('adds up several active consents and ignores expired or revoked ones', () => {
    const consents = [
      consent({ information: [I.IDENTITY] }),
      consent({ information: [I.CONTACT], expiresAt: days(-1) }),
      consent({ information: [I.DISCHARGE_PLAN], revokedAt: days(-1) }),
      consent({ information: [I.NEEDS] }),
    ];
    expect([...coveredInformation(consents, { organizationId: RECEIVER }, now)].sort()).toEqual([
      I.IDENTITY,
      I.NEEDS,
    ]);
  });
});

describe('who sees the person', () => {
  it('the referring side and admins always do', () => {
    for (const who of [
      as({ sub: 'planner-1', roles: ['discharge_planner'] }),
      as({ roles: ['discharge_planner'], org: 'org-hospital' }),
      as({ roles: ['admin'] }),
    ]) {
      expect(personAccess(who, referral, [], now)).toEqual(FULL_ACCESS);
    }
  });

  it('the receiving organization does only while a consent covers it', () => {
    expect(personAccess(partner, referral, [], now)).toEqual(NO_ACCESS);
    expect(personAccess(partner, referral, [consent()], now)).toEqual({
      ...NO_ACCESS,
      identity: true,
      contact: true,
      freeText: true,
      needs: true,
    });
    expect(personAccess(partner, referral, [consent({ information: [I.IDENTITY] })], now)).toEqual({
      ...NO_ACCESS,
      identity: true,
      freeText: true,
    });
    // A person who may not be contacted directly: no contact details, whatever the consent says.
    expect(
      personAccess(partner, { ...referral, personContactAllowed: false }, [consent()], now).contact,
    ).toBe(false);
    // Contact details without who they belong to would still identify the person: both or neither.
    // Free text can name the person: it goes with IDENTITY, never without it.
    expect(personAccess(partner, referral, [consent({ information: [I.CONTACT] })], now)).toEqual(
      NO_ACCESS,
    );
    expect(personAccess(partner, referral, [consent({ expiresAt: now })], now).identity).toBe(
      false,
    );
    expect(personAccess(partner, referral, [consent({ revokedAt: now })], now).identity).toBe(
      false,
    );
    expect(
      personAccess(partner, referral, [consent({ recipientOrganizationIds: ['org-other'] })], now)
        .identity,
    ).toBe(false);
  });

  it('the assigned peer does only when the consent names them or their organization', () => {
    expect(personAccess(peer, referral, [consent()], now)).toEqual(NO_ACCESS);
    expect(personAccess(peer, referral, [consent({ recipientPeerIds: ['peer-7'] })], now)).toEqual({
      ...NO_ACCESS,
      identity: true,
      contact: true,
      freeText: true,
      needs: true,
    });
    // Assigned, but not the peer the person agreed to.
    expect(
      personAccess(peer, referral, [consent({ recipientPeerIds: ['peer-8'] })], now).identity,
    ).toBe(false);
  });
});

describe('the disclosure policy: each class opens only its own fields', () => {
  const needs = ['emergency-shelter', 'medication-for-addiction-treatment', 'detox'];
  const seen = (information: I[]) =>
    disclosedNeeds(needs, personAccess(partner, referral, [consent({ information })], now));

  it('substance-use needs only with SUBSTANCE_USE_TREATMENT, other needs with NEEDS', () => {
    expect(seen([I.IDENTITY])).toEqual([]);
    expect(seen([I.IDENTITY, I.NEEDS])).toEqual(['emergency-shelter']);
    expect(seen([I.IDENTITY, I.NEEDS, I.SUBSTANCE_USE_TREATMENT])).toEqual(needs);
    expect(disclosedNeeds(needs, personAccess(partner, referral, [], now))).toEqual([]);
  });

  it('the discharge plan only with DISCHARGE_PLAN', () => {
    const plan = (information: I[]) =>
      personAccess(partner, referral, [consent({ information })], now).dischargePlan;
    expect(plan([I.IDENTITY, I.NEEDS])).toBe(false);
    expect(plan([I.IDENTITY, I.DISCHARGE_PLAN])).toBe(true);
  });
});

describe('who sees a referral at all', () => {
  it('the referrer, their organization’s planners, the receiving organization once sent, the assigned peer, admins', () => {
    const sees = (who: ReturnType<typeof as>) =>
      who.admin || who.referrer || who.receiver || who.assignedPeer;
    expect(sees(as({ sub: 'planner-1', roles: ['discharge_planner'] }))).toBe(true);
    expect(sees(as({ roles: ['discharge_planner'], org: 'org-hospital' }))).toBe(true);
    expect(sees(partner)).toBe(true);
    expect(sees(peer)).toBe(true);
    expect(sees(as({ roles: ['admin'] }))).toBe(true);
    // Nobody else: a planner elsewhere, a partner of the referring org, another peer, an anonymous caller.
    expect(sees(as({ roles: ['discharge_planner'], org: 'org-other' }))).toBe(false);
    expect(sees(as({ roles: ['partner'], org: 'org-hospital' }))).toBe(false);
    expect(sees(as({ roles: ['peer'], peer: 'peer-8' }))).toBe(false);
    expect(
      sees(involvement({ sub: null, roles: ['admin'], org: null, peer: null }, referral)),
    ).toBe(false);
    // A draft has not been sent: the receiving organization does not see it yet.
    expect(
      involvement(
        { sub: 'p', roles: ['partner'], org: RECEIVER, peer: null },
        { ...referral, requestedAt: null },
      ).receiver,
    ).toBe(false);
  });
});

describe('a consent being recorded', () => {
  const draft = {
    information: [I.IDENTITY],
    revocationAcknowledged: true,
    expiresAt: days(90),
    signedAt: days(0),
    signedBy: ConsentSigner.PATIENT,
  };

  it('is taken when it has every Part 2 element', () => {
    expect(consentDraftProblem(draft, now)).toBeUndefined();
  });

  it('is refused, naming the field, when an element is missing or impossible', () => {
    expect(consentDraftProblem({ ...draft, revocationAcknowledged: false }, now)?.field).toBe(
      'revocationAcknowledged',
    );
    expect(consentDraftProblem({ ...draft, information: [I.NEEDS] }, now)?.field).toBe(
      'information',
    );
    expect(consentDraftProblem({ ...draft, expiresAt: days(-1) }, now)?.field).toBe('expiresAt');
    expect(consentDraftProblem({ ...draft, signedAt: days(2) }, now)?.field).toBe('signedAt');
    expect(consentDraftProblem({ ...draft, signedAt: days(-400) }, now)?.field).toBe('signedAt');
    expect(
      consentDraftProblem({ ...draft, signedBy: ConsentSigner.AUTHORIZED_REPRESENTATIVE }, now)
        ?.field,
    ).toBe('representativeRelationship');
    expect(
      consentDraftProblem(
        {
          ...draft,
          signedBy: ConsentSigner.AUTHORIZED_REPRESENTATIVE,
          representativeRelationship: 'guardian',
        },
        now,
      ),
    ).toBeUndefined();
  });
});
