import { describe, expect, it } from 'vitest';
import {
  IDENTITY_HEADER,
  SIGNATURE_HEADER,
  signIdentity,
  verifyIdentity,
  type Identity,
  type Role,
} from './identity';

const secret = 'a'.repeat(40);
const partner: Identity = { sub: 'u1', roles: ['partner'], org: 'org-1', peer: null };

describe('signed identity between gateway and subgraphs', () => {
  it('round-trips the identity the gateway signed', () => {
    expect(verifyIdentity(signIdentity(partner, secret), secret)).toEqual(partner);
  });

  it('refuses a signature made with another secret', () => {
    expect(() => verifyIdentity(signIdentity(partner, 'b'.repeat(40)), secret)).toThrow(
      /signed by the gateway/,
    );
  });

  it('refuses an identity altered after signing (a partner making itself admin)', () => {
    const headers = signIdentity(partner, secret);
    const forged = Buffer.from(JSON.stringify({ ...partner, roles: ['admin'] })).toString(
      'base64url',
    );
    expect(() => verifyIdentity({ ...headers, [IDENTITY_HEADER]: forged }, secret)).toThrow();
  });

  it('refuses a signature older than a minute (replay) and accepts one within it', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const old = signIdentity(partner, secret, new Date(now.getTime() - 5 * 60_000));
    expect(() => verifyIdentity(old, secret, now)).toThrow();
    const recent = signIdentity(partner, secret, new Date(now.getTime() - 30_000));
    expect(verifyIdentity(recent, secret, now).sub).toBe('u1');
  });

  it('refuses missing or malformed headers', () => {
    expect(() => verifyIdentity({}, secret)).toThrow();
    expect(() =>
      verifyIdentity({ [IDENTITY_HEADER]: 'x', [SIGNATURE_HEADER]: 'garbage' }, secret),
    ).toThrow();
  });

  it('drops roles it does not know', () => {
    // What a newer gateway might sign: a role this subgraph's Role type has never heard of.
    const claimed: string[] = ['partner', 'superuser'];
    const headers = signIdentity({ ...partner, roles: claimed as Role[] }, secret);
    expect(verifyIdentity(headers, secret).roles).toEqual(['partner']);
  });
});
