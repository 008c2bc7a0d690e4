import { describe, expect, it } from 'vitest';
import type { Identity } from '../../kit/identity';
import {
  DEFAULT_LIVED_EXPERIENCE_VISIBILITY,
  LivedExperienceArea,
  LivedExperienceVisibility,
  WorkContactVisibility,
} from './peer.enums';
import {
  readerOf,
  shownAreas,
  showsWorkContact,
  visibilityForAreas,
  widens,
} from './peer-visibility';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER_ORG = '22222222-2222-4222-8222-222222222222';
const who = (over: Partial<Identity>): Identity => ({
  sub: 'u',
  roles: ['discharge_planner'],
  org: null,
  peer: null,
  ...over,
});
const peer = {
  id: 'p1',
  organizationId: ORG,
  livedExperience: [
    LivedExperienceArea.IMMIGRATION,
    LivedExperienceArea.VETERAN,
    LivedExperienceArea.DOMESTIC_VIOLENCE,
  ],
  livedExperienceVisibility: { DOMESTIC_VIOLENCE: LivedExperienceVisibility.SIGNED_IN },
  workContactVisibility: WorkContactVisibility.ORGANIZATION_STAFF,
};

describe('who sees what of a peer', () => {
  it('uses sensitive areas for matching only unless the peer says otherwise', () => {
    for (const area of [
      LivedExperienceArea.IMMIGRATION,
      LivedExperienceArea.DOMESTIC_VIOLENCE,
      LivedExperienceArea.JUSTICE_INVOLVEMENT,
    ]) {
      expect(DEFAULT_LIVED_EXPERIENCE_VISIBILITY[area]).toBe(
        LivedExperienceVisibility.MATCHING_ONLY,
      );
    }
    // No area is shown beyond the peer's organization by default.
    expect(Object.values(DEFAULT_LIVED_EXPERIENCE_VISIBILITY)).not.toContain(
      LivedExperienceVisibility.SIGNED_IN,
    );
  });

  it('shows each reader what the peer chose for them', () => {
    const stranger = readerOf(who({ org: OTHER_ORG }), peer);
    const colleague = readerOf(who({ roles: ['partner'], org: ORG }), peer);
    const admin = readerOf(who({ roles: ['admin'] }), peer);
    const self = readerOf(who({ roles: ['peer'], org: ORG, peer: 'p1' }), peer);
    const anonymous = readerOf({ sub: null, roles: [], org: ORG, peer: null }, peer);
    expect(shownAreas(stranger, peer)).toEqual([LivedExperienceArea.DOMESTIC_VIOLENCE]);
    expect(shownAreas(colleague, peer)).toEqual([
      LivedExperienceArea.VETERAN,
      LivedExperienceArea.DOMESTIC_VIOLENCE,
    ]);
    expect(shownAreas(admin, peer)).toEqual(shownAreas(colleague, peer));
    expect(shownAreas(self, peer)).toEqual(peer.livedExperience);
    expect(shownAreas(anonymous, peer)).toEqual([]);
    expect(
      [stranger, colleague, admin, self, anonymous].map((r) => showsWorkContact(r, peer)),
    ).toEqual([false, true, true, true, false]);
  });

  it('keeps the choice for kept areas, writes defaults for new ones and forgets removed ones', () => {
    expect(
      visibilityForAreas([LivedExperienceArea.VETERAN, LivedExperienceArea.DOMESTIC_VIOLENCE], {
        DOMESTIC_VIOLENCE: LivedExperienceVisibility.SIGNED_IN,
        IMMIGRATION: LivedExperienceVisibility.SIGNED_IN,
      }),
    ).toEqual({
      VETERAN: LivedExperienceVisibility.ORGANIZATION_STAFF,
      DOMESTIC_VIOLENCE: LivedExperienceVisibility.SIGNED_IN,
    });
  });

  it('orders visibilities by how many people they reach', () => {
    expect(
      widens(LivedExperienceVisibility.MATCHING_ONLY, LivedExperienceVisibility.SIGNED_IN),
    ).toBe(true);
    expect(widens(WorkContactVisibility.SIGNED_IN, WorkContactVisibility.ORGANIZATION_STAFF)).toBe(
      false,
    );
    expect(
      widens(
        LivedExperienceVisibility.ORGANIZATION_STAFF,
        LivedExperienceVisibility.ORGANIZATION_STAFF,
      ),
    ).toBe(false);
  });
});
