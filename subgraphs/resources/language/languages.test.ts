import { describe, expect, it } from 'vitest';
import {
  canonicalLanguage,
  canonicalLanguages,
  languageByName,
  languageInfo,
  languagesMatching,
} from './languages';

describe('languages', () => {
  it('accepts ISO 639-1 and 639-3 codes and stores one code per language', () => {
    expect(canonicalLanguage('es')).toBe('es');
    expect(canonicalLanguage('spa')).toBe('es');
    expect(canonicalLanguage('SPA')).toBe('es');
    expect(canonicalLanguage('es-MX')).toBe('es');
    expect(canonicalLanguage('zho')).toBe('zh');
    expect(canonicalLanguage('chi')).toBe('zh');
    expect(canonicalLanguage('hmn')).toBe('hmn');
    expect(canonicalLanguage('yue')).toBe('yue');
    expect(canonicalLanguages(['spa', 'es', 'tgl', 'ase'])).toEqual(['es', 'tl', 'ase']);
  });

  it('refuses what is not a language', () => {
    for (const bad of ['xx', 'und', 'zxx', 'Spanish', '', 'e', 'eng1']) {
      expect(canonicalLanguage(bad), bad).toBeNull();
    }
  });

  it('names the languages California speaks in English and Spanish', () => {
    const names = Object.fromEntries(
      ['hmn', 'mix', 'zap', 'trs', 'pa', 'tl', 'vi', 'yue', 'cmn', 'hy', 'fa', 'ase', 'es'].map(
        (c) => [c, [languageInfo(c)!.name, languageInfo(c)!.nameEs]],
      ),
    );
    expect(names).toEqual({
      hmn: ['Hmong', 'hmong'],
      mix: ['Mixtepec Mixtec', 'mixteco de Mixtepec'],
      zap: ['Zapotec', 'zapoteco'],
      trs: ['Chicahuaxtla Triqui', 'triqui de Chicahuaxtla'],
      pa: ['Punjabi', 'punyabí'],
      tl: ['Tagalog', 'tagalo'],
      vi: ['Vietnamese', 'vietnamita'],
      yue: ['Cantonese', 'cantonés'],
      cmn: ['Mandarin Chinese', 'chino mandarín'],
      hy: ['Armenian', 'armenio'],
      fa: ['Persian', 'persa'],
      ase: ['American Sign Language', 'lengua de señas americana'],
      es: ['Spanish', 'español'],
    });
    expect(languageByName('hmong')).toBe('hmn');
  });

  it('matches a macrolanguage to its members and back', () => {
    expect(languageInfo('yue')!.macrolanguage).toBe('zh');
    expect(languagesMatching(['zho'])).toEqual(expect.arrayContaining(['zh', 'yue', 'cmn']));
    expect(languagesMatching(['yue']).sort()).toEqual(['yue', 'zh']);
    expect(languagesMatching(['cmn'])).not.toContain('yue');
    expect(languagesMatching(['es'])).toEqual(['es']);
    expect(languagesMatching(['hmn'])).toEqual(expect.arrayContaining(['hmn', 'hnj', 'mww']));
  });
});
