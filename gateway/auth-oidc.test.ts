import { describe, expect, it } from 'vitest';
import { landingPath } from './auth-oidc';

describe('where single sign-on lands', () => {
  it('is a path of this origin, with its query', () => {
    expect(landingPath('/referrals')).toBe('/referrals');
    expect(landingPath('/inbox?referral=1&lang=es')).toBe('/inbox?referral=1&lang=es');
  });

  it('is never another site, whatever ?next= says', () => {
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'inbox'])
      expect(landingPath(next), next).toBeUndefined();
    expect(landingPath(['/a', '/b'])).toBeUndefined();
    expect(landingPath(undefined)).toBeUndefined();
  });
});
