import type { I18n } from '../shared/i18n';

/** The taxonomy's category ids (the resources subgraph's slugs) the app has words for. */
const KNOWN = new Set([
  'housing',
  'emergency-shelter',
  'transitional-housing',
  'recovery-residence',
  'permanent-supportive-housing',
  'food',
  'food-bank',
  'food-pantry',
  'meals',
  'employment',
  'job-training',
  'job-placement',
  'reentry-employment',
  'clinics',
  'primary-care',
  'mental-health',
  'substance-use-treatment',
  'medication-for-addiction-treatment',
  'dental',
  'peer-drop-in',
  'benefits',
  'legal-aid',
  'transportation',
  'clothing-hygiene',
  'crisis',
]);

/**
 * A need (a category id such as "emergency-shelter") as a person says it, in their language; a
 * category the app has no words for yet reads as its id with spaces.
 */
export function needName(t: I18n['t'], id: string): string {
  // ICU select keys are words: the slug's hyphens become underscores.
  return KNOWN.has(id) ? t('referCategory', { id: id.replace(/-/g, '_') }) : id.replace(/-/g, ' ');
}

/** Several needs, as one list ("Emergency shelter and Meals"). */
export function needNames(
  { t, locale }: Pick<I18n, 't' | 'locale'>,
  ids: readonly string[],
): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    ids.map((id) => needName(t, id)),
  );
}
