/**
 * The reason codes of a referral's status (the API's ReferralReasonCode), in the order screens offer
 * them: every one for the receiving organization, and those that fit a cancellation for the referrer.
 */
export const REASON_CODES = [
  'NO_CAPACITY',
  'NOT_ELIGIBLE',
  'SERVICE_NOT_OFFERED',
  'PERSON_DECLINED',
  'UNABLE_TO_CONTACT',
  'PERSON_UNAVAILABLE',
  'AWAITING_DOCUMENTS',
  'NO_LONGER_NEEDED',
  'REFERRED_ELSEWHERE',
  'DUPLICATE',
  'OTHER',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** What the referring side cancels with. */
export const CANCEL_REASONS: readonly ReasonCode[] = [
  'NO_LONGER_NEEDED',
  'REFERRED_ELSEWHERE',
  'PERSON_DECLINED',
  'DUPLICATE',
  'OTHER',
];
