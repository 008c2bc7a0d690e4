import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from './auth';

const jwtSecret = 'c'.repeat(40);

describe('the identity the gateway derives from a token', () => {
  it('never carries the service role, whatever the token claims', async () => {
    const token = await new SignJWT({ sub: 'u1', roles: ['service', 'partner'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(jwtSecret));
    const identity = await createTokenVerifier({ jwtSecret })(`Bearer ${token}`);
    expect(identity.roles).toEqual(['partner']);
  });
});
