import { describe, expect, it } from 'vitest';
import { homeFor, safeNext } from './sign-in-screen';

describe('where signing in leads', () => {
  it('back to the screen that asked, never to another site', () => {
    expect(safeNext('/referrals/new?resource=r1')).toBe('/referrals/new?resource=r1');
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('/\\evil.example/')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('/sign-in?next=/inbox')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });

  it('otherwise to the person’s own work', () => {
    expect(homeFor({ roles: ['PARTNER'] })).toBe('/inbox');
    expect(homeFor({ roles: ['DISCHARGE_PLANNER'] })).toBe('/referrals');
    expect(homeFor({ roles: ['PEER'] })).toBe('/referrals');
    expect(homeFor({ roles: ['ADMIN'] })).toBe('/org');
  });
});
