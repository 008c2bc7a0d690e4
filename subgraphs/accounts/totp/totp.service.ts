import type { EntityManager } from '@mikro-orm/postgresql';
import { Secret, TOTP } from 'otpauth';
import { AuthRefusal } from '../auth-error';
import type { Role } from '../../kit/identity';
import { openSecret, sealingKey, sealSecret } from '../../kit/sealed-secret';
import { issueRecoveryCodes, looksLikeRecoveryCode, useRecoveryCode } from './recovery-codes';
import { TotpFactor } from './totp.entity';

/** What authenticator apps all understand (RFC 6238's defaults): SHA-1, 6 digits, 30 seconds. */
const TOTP_SHAPE = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** A code from the step before or after is accepted too: clocks drift, people type slowly. */
const WINDOW = 1;
const ISSUER = 'Referral Hub';

/** The key that seals TOTP secrets at rest: derived from the service's signing secret (HKDF). */
export const totpKey = (identitySecret: string): Buffer =>
  sealingKey(identitySecret, 'accounts', 'totp-secret-seal');

const totpOf = (base32: string, label: string) =>
  new TOTP({ ...TOTP_SHAPE, issuer: ISSUER, label, secret: Secret.fromBase32(base32) });

export interface TotpSettings {
  key: Buffer;
  /** Directory admins must have a confirmed authenticator app to sign in with a password. */
  requiredForAdmins: boolean;
}

export interface TotpEnrolment {
  secret: string;
  uri: string;
  /** Single-use codes for when the app is lost, shown this once. */
  recoveryCodes: string[];
}

/**
 * A new authenticator secret for a person whose password was just checked, shown this once. It
 * replaces an unconfirmed one; a confirmed app is never replaced with a password alone.
 */
export async function startEnrolment(
  em: EntityManager,
  user: { id: string; email: string },
  settings: TotpSettings,
): Promise<TotpEnrolment> {
  const existing = await em.findOne(TotpFactor, { userId: user.id });
  if (existing?.confirmedAt)
    throw new AuthRefusal(
      409,
      'TOTP_ALREADY_ENROLLED',
      'An authenticator app is already set up for this account.',
    );
  const secret = new Secret({ size: 20 }).base32;
  const sealedSecret = sealSecret(secret, settings.key);
  if (existing) Object.assign(existing, { sealedSecret, lastStep: null, createdAt: new Date() });
  else em.create(TotpFactor, { userId: user.id, sealedSecret });
  await em.flush();
  const recoveryCodes = await issueRecoveryCodes(em, user.id, settings.key);
  return { secret, uri: totpOf(secret, user.email).toString(), recoveryCodes };
}

export const SecondFactorCode = {
  REQUIRED: 'SECOND_FACTOR_REQUIRED',
  ENROLMENT_REQUIRED: 'TOTP_ENROLMENT_REQUIRED',
  INVALID: 'INVALID_CODE',
  USED: 'CODE_ALREADY_USED',
} as const;
export type SecondFactorCode = (typeof SecondFactorCode)[keyof typeof SecondFactorCode];

const MESSAGES: Record<SecondFactorCode, string> = {
  SECOND_FACTOR_REQUIRED:
    'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
  TOTP_ENROLMENT_REQUIRED:
    'Directory admins must set up an authenticator app before signing in (POST /auth/totp/enrol).',
  INVALID_CODE: 'The code is not right.',
  CODE_ALREADY_USED: 'That code was already used; wait for the next one.',
};

/** A refusal of the second step; the password was right, so these are not INVALID_CREDENTIALS. */
export class SecondFactorRefusal extends AuthRefusal {
  constructor(readonly reason: SecondFactorCode) {
    super(401, reason, MESSAGES[reason]);
  }
}

/** How the second step was passed: no app, a code from the app, or a recovery code. */
export type SecondFactorUsed = 'none' | 'totp' | 'recovery';

/**
 * The second step of a password sign-in, after the password held. A person with a confirmed app
 * must send a current code, or one of their recovery codes (each works once); the first valid code
 * from the app confirms a new app. Each code counts once: the accepted step is written only if it
 * is newer than the last (one statement, so two requests racing with the same code cannot both pass).
 */
export async function checkSecondFactor(
  em: EntityManager,
  user: { id: string; email: string },
  roles: readonly Role[],
  code: string | null | undefined,
  settings: TotpSettings,
  now = Date.now(),
): Promise<SecondFactorUsed> {
  const factor = await em.findOne(TotpFactor, { userId: user.id });
  const mustEnrol = settings.requiredForAdmins && roles.includes('admin');
  if (!factor || (!factor.confirmedAt && !code)) {
    if (mustEnrol && !factor?.confirmedAt)
      throw new SecondFactorRefusal(SecondFactorCode.ENROLMENT_REQUIRED);
    return 'none';
  }
  if (!code) throw new SecondFactorRefusal(SecondFactorCode.REQUIRED);
  // A recovery code stands in for a confirmed app only: it cannot confirm a new one.
  if (factor.confirmedAt && looksLikeRecoveryCode(code)) {
    if (await useRecoveryCode(em, user.id, code, settings.key)) return 'recovery';
    throw new SecondFactorRefusal(SecondFactorCode.INVALID);
  }
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) throw new SecondFactorRefusal(SecondFactorCode.INVALID);
  const totp = totpOf(openSecret(factor.sealedSecret, settings.key), user.email);
  const delta = totp.validate({ token, timestamp: now, window: WINDOW });
  if (delta === null) throw new SecondFactorRefusal(SecondFactorCode.INVALID);
  const step = totp.counter({ timestamp: now }) + delta;
  const claimed = await em.execute<{ user_id: string }[]>(
    `update totp_factor set last_step = ?, confirmed_at = coalesce(confirmed_at, now())
      where user_id = ? and (last_step is null or last_step < ?) returning user_id`,
    [step, user.id, step],
  );
  if (claimed.length === 0) throw new SecondFactorRefusal(SecondFactorCode.USED);
  return 'totp';
}
