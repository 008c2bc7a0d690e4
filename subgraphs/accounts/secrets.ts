import { createHash, randomBytes } from 'node:crypto';

/** A secret a person or system holds (session, invitation, reset token, API key): 256 random bits. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * What is stored of a secret. A fast hash is enough: the secret is random and 256 bits long, so it
 * cannot be guessed from its hash the way a password can; and lookups stay an index scan.
 */
export const secretHash = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

/** The prefix API keys carry, so a leaked one is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'rrh_';

export const newApiKey = (): string => `${API_KEY_PREFIX}${newSecret()}`;
