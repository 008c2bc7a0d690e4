import { describe, expect, it } from 'vitest';
import {
  IDENTITY_HEADER,
  MAX_SIGNATURE_AGE_SECONDS,
  ReplayCache,
  SIGNATURE_HEADER,
  signIdentity,
  verifyIdentity,
  type Identity,
  type Role,
  type SignedTarget,
} from './identity';

const secret = 'a'.repeat(40);
const partner: Identity = { sub: 'u1', roles: ['partner'], org: 'org-1', peer: null };
const target: SignedTarget = {
  method: 'POST',
  path: '/graphql',
  audience: 'resources',
  body: '{"query":"{ categories { id } }"}',
};

describe('signed identity between gateway and subgraphs', () => {
  it('round-trips the identity the gateway signed', () => {
    expect(verifyIdentity(signIdentity(partner, secret, target), secret, target)).toEqual(partner);
  });

  it('refuses a signature made with another secret', () => {
    expect(() =>
      verifyIdentity(signIdentity(partner, 'b'.repeat(40), target), secret, target),
    ).toThrow(/signed by the gateway/);
  });

  it('refuses an identity altered after signing (a partner making itself admin)', () => {
    const headers = signIdentity(partner, secret, target);
    const forged = Buffer.from(JSON.stringify({ ...partner, roles: ['admin'] })).toString(
      'base64url',
    );
    expect(() =>
      verifyIdentity({ ...headers, [IDENTITY_HEADER]: forged }, secret, target),
    ).toThrow();
  });

  it(`refuses a signature more than ${MAX_SIGNATURE_AGE_SECONDS} s old or ahead, and accepts one within`, () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const at = (ms: number) => signIdentity(partner, secret, target, new Date(now.getTime() + ms));
    expect(() => verifyIdentity(at(-31_000), secret, target, { now })).toThrow();
    expect(() => verifyIdentity(at(31_000), secret, target, { now })).toThrow();
    expect(verifyIdentity(at(-29_000), secret, target, { now }).sub).toBe('u1');
    expect(verifyIdentity(at(29_000), secret, target, { now }).sub).toBe('u1');
  });

  it('binds the signature to the method, path with query, audience and body', () => {
    const headers = signIdentity(partner, secret, target);
    const moved: SignedTarget[] = [
      { ...target, method: 'GET' },
      { ...target, path: '/hsds/services' },
      { ...target, path: '/graphql?x=1' },
      { ...target, audience: 'referrals' },
      { ...target, body: '{"query":"mutation { addOrganization }"}' },
      { ...target, body: undefined },
    ];
    for (const other of moved) expect(() => verifyIdentity(headers, secret, other)).toThrow();
    // A Buffer of the same bytes is the same body: the subgraph hashes what the parser read.
    expect(
      verifyIdentity(headers, secret, { ...target, body: Buffer.from(target.body!) }).sub,
    ).toBe('u1');
  });

  it('accepts each signature once with a replay cache, and does not spend it on a refusal', () => {
    const replay = new ReplayCache();
    const headers = signIdentity(partner, secret, target);
    expect(() => verifyIdentity(headers, secret, { ...target, path: '/x' }, { replay })).toThrow();
    expect(verifyIdentity(headers, secret, target, { replay }).sub).toBe('u1');
    expect(() => verifyIdentity(headers, secret, target, { replay })).toThrow(/signed by/);
    // A second signature for the same request is a new one.
    expect(
      verifyIdentity(signIdentity(partner, secret, target), secret, target, { replay }).sub,
    ).toBe('u1');
  });

  it('forgets nonces once their signature is too old to pass anyway, and refuses when full', () => {
    const cache = new ReplayCache(2);
    expect(cache.accept('a', 1_000, 0)).toBe(true);
    expect(cache.accept('b', 2_000, 0)).toBe(true);
    expect(cache.accept('a', 1_000, 500)).toBe(false);
    // Full of live nonces: refuse rather than forget one.
    expect(cache.accept('c', 3_000, 500)).toBe(false);
    expect(cache.accept('c', 3_000, 1_000)).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('refuses missing or malformed headers', () => {
    expect(() => verifyIdentity({}, secret, target)).toThrow();
    expect(() =>
      verifyIdentity({ [IDENTITY_HEADER]: 'x', [SIGNATURE_HEADER]: 'garbage' }, secret, target),
    ).toThrow();
    // The previous format, without nonce or request binding, is no longer accepted.
    const { [SIGNATURE_HEADER]: signature, ...rest } = signIdentity(partner, secret, target);
    const v1 = signature.replace(/,n=[^,]+/, '').replace('v2=', 'v1=');
    expect(() => verifyIdentity({ ...rest, [SIGNATURE_HEADER]: v1 }, secret, target)).toThrow();
  });

  it('drops roles it does not know, and keeps the service role', () => {
    // What a newer gateway might sign: a role this subgraph's Role type has never heard of.
    const claimed: string[] = ['partner', 'superuser', 'service'];
    const headers = signIdentity({ ...partner, roles: claimed as Role[] }, secret, target);
    expect(verifyIdentity(headers, secret, target).roles).toEqual(['partner', 'service']);
  });
});
