import { describe, expect, it } from 'vitest';
import { expandSynonyms, meiliSynonyms, normalizeText } from './synonyms';

describe('normalizeText', () => {
  it('drops accents, case and punctuation', () => {
    expect(normalizeText('  Café   Niño!! ')).toBe('cafe nino');
    expect(normalizeText('Drop-in, 24/7')).toBe('drop-in 24 7');
  });
});

describe('expandSynonyms', () => {
  it('groups a known phrase with its equivalents, longest phrase first', () => {
    const groups = expandSynonyms('Food Bank near me');
    expect(groups[0]).toEqual(expect.arrayContaining(['food bank', 'food pantry']));
    expect(groups.slice(1)).toEqual([['near'], ['me']]);
  });

  it('knows the phrases peers type', () => {
    expect(expandSynonyms('MAT')[0]).toContain('medication for addiction treatment');
    expect(expandSynonyms('detox')[0]).toContain('withdrawal management');
    expect(expandSynonyms('shelter')[0]).toContain('emergency housing');
    expect(expandSynonyms('job')[0]).toContain('employment');
    expect(expandSynonyms('clinic')[0]).toContain('health center');
  });

  it('prefers "emergency shelter" as one phrase over "emergency" then "shelter"', () => {
    expect(expandSynonyms('emergency shelter')).toHaveLength(1);
  });

  it('leaves unknown words alone, including typos', () => {
    expect(expandSynonyms('fod pantry')).toEqual([['fod'], ['pantry']]);
  });
});

describe('meiliSynonyms', () => {
  it('maps every phrase to the others of its group, both ways', () => {
    const map = meiliSynonyms();
    expect(map['food bank']).toContain('food pantry');
    expect(map['food pantry']).toContain('food bank');
    expect(map['mat']).not.toContain('mat');
  });
});
