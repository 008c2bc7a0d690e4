import { describe, expect, it } from 'vitest';
import {
  changedFields,
  choose,
  reconcile,
  rowsOf,
  weekOf,
  type ListingFields,
  type WeeklyRow,
} from './listing-edit';

const weekdays: WeeklyRow[] = (['MONDAY', 'TUESDAY'] as const).map((day) => ({
  day,
  opensAt: '09:00',
  closesAt: '17:00',
}));

const base: ListingFields = {
  description: 'Beds for the night.',
  eligibility: 'Adults 18+',
  languages: ['en', 'es'],
  hours: { loc1: weekOf(weekdays) },
};

describe('a listing edit', () => {
  it('knows which fields the person changed (languages as a set, text ignoring spaces)', () => {
    const mine = { ...base, languages: ['es', 'en'], eligibility: ' Adults 18+ ' };
    expect(changedFields(base, mine)).toEqual([]);
    const later = { ...base, description: 'Beds and showers.', languages: ['en'] };
    expect(changedFields(base, later)).toEqual(['description', 'languages']);
  });

  it('reads and writes a week: closed days are empty, split shifts stay in order', () => {
    const rows: WeeklyRow[] = [
      { day: 'FRIDAY', opensAt: '18:00', closesAt: '24:00' },
      { day: 'FRIDAY', opensAt: '08:00', closesAt: '12:00' },
    ];
    const week = weekOf(rows);
    expect(week.MONDAY).toEqual([]);
    expect(week.FRIDAY.map((s) => s.opensAt)).toEqual(['08:00', '18:00']);
    expect(rowsOf(week)).toEqual([rows[1], rows[0]]);
  });

  it('keeps my changes that no one else touched, and theirs, without asking', () => {
    const mine = { ...base, description: 'Beds and showers.' };
    const theirs = { ...base, eligibility: 'Adults 18+, pets welcome' };
    const { merged, conflicts } = reconcile(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.description).toBe('Beds and showers.');
    expect(merged.eligibility).toBe('Adults 18+, pets welcome');
  });

  it('asks about a field both changed differently, and saves the choice made', () => {
    const mondayOff = weekOf(weekdays.slice(1));
    const mine = { ...base, description: 'Mine', hours: { loc1: mondayOff } };
    const theirs = { ...base, description: 'Theirs', languages: ['en', 'es', 'vi'] };
    const reconciled = reconcile(base, mine, theirs);
    expect(reconciled.conflicts).toEqual(['description']);
    const keepMine = choose(reconciled, mine, {});
    expect(keepMine.description).toBe('Mine');
    expect(keepMine.hours.loc1.MONDAY).toEqual([]);
    expect(keepMine.languages).toEqual(['en', 'es', 'vi']);
    expect(choose(reconciled, mine, { description: 'theirs' }).description).toBe('Theirs');
  });

  it('does not ask when both made the same change', () => {
    const same = { ...base, languages: ['en'] };
    expect(reconcile(base, same, { ...same, languages: ['en'] }).conflicts).toEqual([]);
  });
});
