import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from './auth';
import type { AuthConfig } from './config';

const secret = randomBytes(32).toString('hex');
const now = () => Math.floor(Date.now() / 1000);

interface Claims extends JWTPayload {
  iat?: number;
  exp?: number;
}

/** Signs exactly the claims given (no defaults added), so each test says what the token holds. */
function sign(claims: Claims, key = secret) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(key));
}

const valid = (): Claims => ({ sub: 'user-1', roles: ['peer'], iat: now(), exp: now() + 3600 });

async function refusal(auth: AuthConfig, claims: Claims) {
  const verify = createTokenVerifier(auth);
  const error: unknown = await verify(`Bearer ${await sign(claims)}`).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the token should have been refused').not.toBeNull();
  expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  return error as Error;
}

describe('a token means what it says', () => {
  const auth: AuthConfig = { jwtSecret: secret };

  it('a token that lives an hour, with roles as an array of known roles, passes', async () => {
    const identity = await createTokenVerifier(auth)(`Bearer ${await sign(valid())}`);
    expect(identity).toMatchObject({ sub: 'user-1', roles: ['peer'] });
  });

  it('a token valid for 10 years is refused', async () => {
    const error = await refusal(auth, { ...valid(), exp: now() + 10 * 365 * 24 * 3600 });
    expect(error.message).toMatch(/longer than 12 hours/);
  });

  it('the maximum lifetime is configurable', async () => {
    const claims = { ...valid(), exp: now() + 3 * 3600 };
    await refusal({ ...auth, maxTokenHours: 2 }, claims);
    await expect(
      createTokenVerifier({ ...auth, maxTokenHours: 4 })(`Bearer ${await sign(claims)}`),
    ).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('a token issued a day in the future, or 2 minutes ahead, is refused; 30 s of skew is not', async () => {
    await refusal(auth, { ...valid(), iat: now() + 24 * 3600, exp: now() + 25 * 3600 });
    await refusal(auth, { ...valid(), iat: now() + 120, exp: now() + 3600 });
    await expect(
      createTokenVerifier(auth)(`Bearer ${await sign({ ...valid(), iat: now() + 30 })}`),
    ).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('a token without iat is refused (its lifetime cannot be known)', async () => {
    const { iat: _iat, ...claims } = valid();
    await refusal(auth, claims);
  });

  it('a token issued longer ago than the maximum lifetime is refused', async () => {
    await refusal(auth, { ...valid(), iat: now() - 13 * 3600, exp: now() + 3600 });
  });

  it('roles as a string is refused', async () => {
    await refusal(auth, { ...valid(), roles: 'admin' });
    await refusal(auth, { ...valid(), roles: 'peer admin' });
  });

  it('a singular role is refused, alone or beside roles', async () => {
    const { roles: _roles, ...claims } = valid();
    await refusal(auth, { ...claims, role: 'admin' });
    await refusal(auth, { ...valid(), role: 'admin' });
  });

  it('an unknown role, or no roles claim, is refused', async () => {
    await refusal(auth, { ...valid(), roles: ['peer', 'superuser'] });
    await refusal(auth, { ...valid(), roles: [42] });
    const { roles: _roles, ...claims } = valid();
    await refusal(auth, claims);
  });

  it('with an issuer and audience configured, an HS256 token must carry both', async () => {
    const strict: AuthConfig = { ...auth, issuer: 'https://hub.example', audience: 'hub-api' };
    await refusal(strict, valid());
    await refusal(strict, { ...valid(), iss: 'https://hub.example' });
    await refusal(strict, { ...valid(), iss: 'https://other.example', aud: 'hub-api' });
    const ok = await sign({ ...valid(), iss: 'https://hub.example', aud: 'hub-api' });
    await expect(createTokenVerifier(strict)(`Bearer ${ok}`)).resolves.toMatchObject({
      sub: 'user-1',
    });
  });
});

describe('the service role', () => {
  it('is never given by a token: a token that claims it is refused', async () => {
    const error = await refusal(
      { jwtSecret: secret },
      { ...valid(), roles: ['service', 'partner'] },
    );
    expect(error.message).toContain('role');
  });
});
