import { registerEnumType } from 'type-graphql';

/** What information a consent lets the disclosing program share (42 CFR 2.31(a)(2)). */
export enum ConsentInformation {
  /** Who the person is: name, preferred language, the person reference. */
  IDENTITY = 'IDENTITY',
  /** How to reach them. */
  CONTACT = 'CONTACT',
  /** What they need (Referral.needs), substance-use treatment apart. */
  NEEDS = 'NEEDS',
  /** When they leave (Referral.expectedDischargeAt). */
  DISCHARGE_PLAN = 'DISCHARGE_PLAN',
  /** Needs that are substance-use treatment (detox, MAT, SUD treatment, recovery residences). */
  SUBSTANCE_USE_TREATMENT = 'SUBSTANCE_USE_TREATMENT',
}
registerEnumType(ConsentInformation, {
  name: 'ConsentInformation',
  description:
    'Kinds of information a consent covers. IDENTITY: who the person is, and any free text; CONTACT: how to reach them; NEEDS: what they need; DISCHARGE_PLAN: when they leave; SUBSTANCE_USE_TREATMENT: needs that are substance-use treatment (with NEEDS).',
});

/** How the consent was given: Part 2 requires a signature, written or electronic. */
export enum ConsentMethod {
  WRITTEN_SIGNATURE = 'WRITTEN_SIGNATURE',
  ELECTRONIC_SIGNATURE = 'ELECTRONIC_SIGNATURE',
}
registerEnumType(ConsentMethod, { name: 'ConsentMethod' });

export enum ConsentSigner {
  PATIENT = 'PATIENT',
  AUTHORIZED_REPRESENTATIVE = 'AUTHORIZED_REPRESENTATIVE',
}
registerEnumType(ConsentSigner, {
  name: 'ConsentSigner',
  description: 'Who signed: the person, or someone authorized to sign for them.',
});

export enum ConsentStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ConsentStatus, {
  name: 'ConsentStatus',
  description: 'Worked out at each read, so expiry and revocation take effect at once.',
});
