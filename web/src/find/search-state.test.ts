import { describe, expect, it } from 'vitest';
import { applyHint, parseSearch, searchHref, searchInput } from './search-state';

const state = (query: string) => parseSearch(new URLSearchParams(query));

describe('the no-results hints, as changes to the search', () => {
  const search = state('need=legal&beds=1&speaks=es&lat=37.8044&lng=-122.2712&place=Oakland');

  it('drop the one filter the hint names and keep the rest', () => {
    const next = applyHint(search, { filter: 'HAS_CAPACITY' });
    expect(next && searchHref(next)).toBe(
      '/?need=legal&lat=37.8044&lng=-122.2712&place=Oakland&speaks=es',
    );
    expect(applyHint(search, { filter: 'LANGUAGES' })?.speaks).toBeNull();
    expect(applyHint(search, { filter: 'CATEGORIES' })?.need).toBeNull();
  });

  it('widen the circle around the place, in the address too, or search anywhere', () => {
    const wider = applyHint(search, { filter: 'NEAR', radiusKm: 80 });
    expect(wider && searchInput(wider).radiusKm).toBe(80);
    expect(wider && searchHref(wider)).toContain('km=80');
    expect(wider && parseSearch(new URL(searchHref(wider), 'http://x').searchParams)).toEqual(
      wider,
    );
    const anywhere = applyHint(search, { filter: 'NEAR', radiusKm: null });
    expect(anywhere?.place).toBeNull();
    expect(anywhere && searchInput(anywhere).near).toBeUndefined();
  });

  it('offer nothing the screen cannot do, or a search with nothing left to look for', () => {
    expect(applyHint(search, { filter: 'AGE' })).toBeNull();
    expect(applyHint(state('q=xyzzy'), { filter: 'TEXT' })).toBeNull();
    expect(applyHint(state('q=xyzzy&need=food'), { filter: 'TEXT' })?.text).toBe('');
  });

  it('keep the default radius out of the address and ignore a nonsense one', () => {
    expect(searchHref(search)).not.toContain('km=');
    expect(state('lat=1&lng=1&km=-3').radiusKm).toBe(40);
    expect(state('lat=1&lng=1&km=9000').radiusKm).toBe(500);
  });
});
