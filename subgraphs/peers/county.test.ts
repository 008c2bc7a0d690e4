import { describe, expect, it } from 'vitest';
import { canonicalCounty } from './county';

describe('canonicalCounty', () => {
  it('spells a county one way, however it was typed', () => {
    for (const typed of ['alameda', 'Alameda County', '  ALAMEDA   county ', 'alameda COUNTY']) {
      expect(canonicalCounty(typed)).toBe('Alameda County');
    }
    expect(canonicalCounty('san luis obispo')).toBe('San Luis Obispo County');
    expect(canonicalCounty('Del Norte County')).toBe('Del Norte County');
  });
});
