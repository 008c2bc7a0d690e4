import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { CounterFactory } from './limits';

export interface SignInLimitSettings {
  /** Wrong passwords for one email before it is locked (5). */
  readonly accountFailures: number;
  /** Failed sign-ins, invitation or reset tokens from one address before it is locked (50). */
  readonly addressFailures: number;
  /** The window failures are counted in, in minutes (15). */
  readonly windowMinutes: number;
  /** The first lockout, in minutes; each further one in a day doubles it, up to a day (5). */
  readonly lockoutMinutes: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitSettings = Object.freeze({
  accountFailures: 5,
  addressFailures: 50,
  windowMinutes: 15,
  lockoutMinutes: 5,
});

const DAY_SECONDS = 24 * 3600;

const memoryCounter: CounterFactory = (keyPrefix, points, duration) =>
  Promise.resolve(new RateLimiterMemory({ keyPrefix, points, duration }));
/** Password-reset emails one address may ask for per window, and one email may receive. */
const RESETS_PER_ADDRESS = 10;
const RESETS_PER_EMAIL = 3;

/**
 * Brute-force limits on the sign-in routes, counted per account (the email as typed, whether or not
 * it has an account, so a lockout tells nothing) and per address. Only failures count; a success
 * clears the account's count. Locked out, a caller waits with back-off: the first lockout lasts
 * `lockoutMinutes`, each further one within a day twice as long.
 *
 * Counted where the gateway's request limits are (limits.ts): in the Postgres table every gateway
 * shares when RATE_LIMIT_DATABASE_URL is set, so failures spread over several gateways lock the
 * account as surely as failures at one; in this gateway's memory otherwise (one gateway).
 */
export async function createSignInLimits(
  settings: SignInLimitSettings = DEFAULT_SIGN_IN_LIMITS,
  counter: CounterFactory = memoryCounter,
) {
  const window = settings.windowMinutes * 60;
  const byAccount = await counter('sign-in-account', settings.accountFailures, window);
  const byAddress = await counter('sign-in-address', settings.addressFailures, window);
  const lockouts = await counter('sign-in-lockouts', 1_000, DAY_SECONDS);
  const resetsByAddress = await counter('reset-address', RESETS_PER_ADDRESS, window);
  const resetsByEmail = await counter('reset-email', RESETS_PER_EMAIL, 3600);
  const accountKey = (email: string) => email.trim().normalize('NFC').toLowerCase();
  const addressKey = (address: string | undefined) => address ?? 'unknown';

  const waitFor = async (limiter: RateLimiterAbstract, key: string, points: number) => {
    const res = await limiter.get(key);
    return res && res.consumedPoints >= points
      ? Math.max(1, Math.ceil(res.msBeforeNext / 1000))
      : 0;
  };

  const lockWithBackoff = async (limiter: RateLimiterAbstract, key: string) => {
    const strikes = await lockouts.penalty(`${limiter.keyPrefix}:${key}`, 1);
    const seconds = Math.min(
      DAY_SECONDS,
      settings.lockoutMinutes * 60 * 2 ** Math.min(20, strikes.consumedPoints - 1),
    );
    await limiter.block(key, seconds);
  };

  return {
    /** Seconds to wait before this email may try from this address, or 0. */
    async retryAfter(email: string | null, address: string | undefined): Promise<number> {
      return Math.max(
        email === null ? 0 : await waitFor(byAccount, accountKey(email), settings.accountFailures),
        await waitFor(byAddress, addressKey(address), settings.addressFailures),
      );
    },
    async failed(email: string | null, address: string | undefined): Promise<void> {
      if (email !== null) {
        const key = accountKey(email);
        const res = await byAccount.penalty(key, 1);
        if (res.consumedPoints >= settings.accountFailures) await lockWithBackoff(byAccount, key);
      }
      const key = addressKey(address);
      const res = await byAddress.penalty(key, 1);
      if (res.consumedPoints >= settings.addressFailures) await lockWithBackoff(byAddress, key);
    },
    async succeeded(email: string): Promise<void> {
      await byAccount.delete(accountKey(email));
    },
    /** Whether to send a reset email now: false for an email that got enough of them this hour. */
    async resetAllowed(email: string): Promise<boolean> {
      const res = await resetsByEmail.penalty(accountKey(email), 1);
      return res.consumedPoints <= RESETS_PER_EMAIL;
    },
    /** Seconds this address must wait before asking for another reset email, or 0. */
    async resetRetryAfter(address: string | undefined): Promise<number> {
      const res = await resetsByAddress.penalty(addressKey(address), 1);
      return res.consumedPoints > RESETS_PER_ADDRESS
        ? Math.max(1, Math.ceil(res.msBeforeNext / 1000))
        : 0;
    },
  };
}

export type SignInLimits = Awaited<ReturnType<typeof createSignInLimits>>;
