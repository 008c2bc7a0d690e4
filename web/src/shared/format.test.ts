import { describe, expect, it } from 'vitest';
import { describeCapacity, describeDistance, describeOpenState } from './format';
import { chooseLang, type Lang } from './i18n';

const LA = 'America/Los_Angeles';
/** Intl puts no-break spaces in "8 p. m."; a reader sees spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');
const both = (fn: (lang: Lang) => string) => ({ en: plain(fn('en')), es: plain(fn('es')) });

describe('open state, in the place’s own time', () => {
  it('says until when a place is open today', () => {
    // Noon in Oakland; closes at 8 pm Oakland time.
    const now = new Date('2026-12-02T20:00:00Z');
    const facts = { openNow: true, closesAt: '2026-12-03T04:00:00Z', timeZone: LA };
    expect(both((lang) => describeOpenState(facts, now, lang))).toEqual({
      en: 'Open until 8 pm',
      es: 'Abierto hasta las 8 p. m.',
    });
  });

  it('says "la 1" in Spanish and keeps minutes that are not on the hour', () => {
    const now = new Date('2026-12-02T17:00:00Z');
    expect(
      both((lang) =>
        describeOpenState(
          { openNow: true, closesAt: '2026-12-02T21:00:00Z', timeZone: LA },
          now,
          lang,
        ),
      ),
    ).toEqual({ en: 'Open until 1 pm', es: 'Abierto hasta la 1 p. m.' });
    expect(
      both((lang) =>
        describeOpenState(
          { openNow: true, closesAt: '2026-12-03T03:30:00Z', timeZone: LA },
          now,
          lang,
        ),
      ),
    ).toEqual({ en: 'Open until 7:30 pm', es: 'Abierto hasta las 7:30 p. m.' });
  });

  it('says a night shelter is open until tomorrow morning', () => {
    // 10 pm in Oakland; closes at 7 am.
    const now = new Date('2026-12-03T06:00:00Z');
    const facts = { openNow: true, closesAt: '2026-12-03T15:00:00Z', timeZone: LA };
    expect(both((lang) => describeOpenState(facts, now, lang))).toEqual({
      en: 'Open until 7 am tomorrow',
      es: 'Abierto hasta mañana a las 7 a. m.',
    });
  });

  it('says when a closed place opens tomorrow, counting days where the place is', () => {
    // 10 pm on Wednesday in Oakland (already Thursday in UTC); opens 7 am Thursday.
    const now = new Date('2026-12-03T06:00:00Z');
    const facts = { openNow: false, nextOpenAt: '2026-12-03T15:00:00Z', timeZone: LA };
    expect(both((lang) => describeOpenState(facts, now, lang))).toEqual({
      en: 'Closed · opens at 7 am tomorrow',
      es: 'Cerrado · abre mañana a las 7 a. m.',
    });
    // The same instants at a place in New York: 1 am there, opening at 10 am the same day.
    expect(
      both((lang) => describeOpenState({ ...facts, timeZone: 'America/New_York' }, now, lang)),
    ).toEqual({ en: 'Closed · opens at 10 am', es: 'Cerrado · abre a las 10 a. m.' });
  });

  it('names the day when it opens later in the week', () => {
    // 6 pm on Friday in Oakland; opens 9 am Monday.
    const now = new Date('2026-12-05T02:00:00Z');
    const facts = { openNow: false, nextOpenAt: '2026-12-07T17:00:00Z', timeZone: LA };
    expect(both((lang) => describeOpenState(facts, now, lang))).toEqual({
      en: 'Closed · opens Monday at 9 am',
      es: 'Cerrado · abre el lunes a las 9 a. m.',
    });
  });

  it('says open 24 hours, or closed with no opening in sight', () => {
    const now = new Date('2026-12-02T20:00:00Z');
    expect(both((lang) => describeOpenState({ openNow: true, timeZone: LA }, now, lang))).toEqual({
      en: 'Open 24 hours',
      es: 'Abierto las 24 horas',
    });
    expect(both((lang) => describeOpenState({ openNow: false, timeZone: LA }, now, lang))).toEqual({
      en: 'Closed',
      es: 'Cerrado',
    });
  });
});

describe('beds and distance', () => {
  it('says how many beds are free and how fresh the count is', () => {
    const now = new Date('2026-12-02T20:00:00Z');
    const capacity = { unit: 'beds', available: 4, maximum: 30, updatedAt: '2026-12-02T17:40:00Z' };
    expect(both((lang) => describeCapacity(capacity, now, lang))).toEqual({
      en: '4 of 30 beds free · updated 2 h ago',
      es: '4 de 30 camas libres · actualizado hace 2 h',
    });
    const one = { unit: 'beds', available: 1, updatedAt: '2026-12-02T19:55:00Z' };
    expect(both((lang) => describeCapacity(one, now, lang))).toEqual({
      en: '1 bed free · updated 5 min ago',
      es: '1 cama libre · actualizado hace 5 min',
    });
  });

  it('gives distances in miles', () => {
    expect(both((lang) => describeDistance(2, lang))).toEqual({ en: '1.2 mi', es: '1.2 mi' });
  });
});

describe('language', () => {
  it('takes ?lang first, then the stored choice, then the browser', () => {
    expect(chooseLang('?lang=es', 'en', ['en-US'])).toBe('es');
    expect(chooseLang('', 'es', ['en-US'])).toBe('es');
    expect(chooseLang('', null, ['es-MX', 'en'])).toBe('es');
    expect(chooseLang('?lang=fr', null, ['fr-FR'])).toBe('en');
  });
});
