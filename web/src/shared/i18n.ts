import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { MESSAGES, type MessageKey } from './messages';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];
/** The locale each language formats numbers, dates and times with. */
export const LOCALE: Record<Lang, string> = { en: 'en-US', es: 'es-US' };
const STORED = 'lang';

export type Values = Record<string, PrimitiveType>;

const compiled = new Map<string, IntlMessageFormat>();

/** A message in a language, with its values: ICU plurals and selects, formatted for the locale. */
export function translate(lang: Lang, key: MessageKey, values?: Values): string {
  const id = `${lang}:${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(MESSAGES[key][lang], LOCALE[lang]);
    compiled.set(id, format);
  }
  const text = format.format(values);
  return typeof text === 'string' ? text : String(text);
}

const isLang = (value: string | null | undefined): value is Lang =>
  value === 'en' || value === 'es';

/**
 * `?lang=es` wins (and is remembered for the next visit), then what was chosen before, then the
 * browser's languages: Spanish when it prefers Spanish before English, English otherwise.
 */
export function chooseLang(
  search: string,
  stored: string | null,
  browser: readonly string[],
): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (isLang(asked)) return asked;
  if (isLang(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

export function initialLang(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORED);
  } catch {
    // Storage can be off (private mode); the choice then lasts as long as the page.
  }
  const lang = chooseLang(location.search, stored, navigator.languages ?? [navigator.language]);
  rememberLang(lang, stored);
  return lang;
}

export function rememberLang(lang: Lang, stored?: string | null): void {
  if (stored === lang) return;
  try {
    localStorage.setItem(STORED, lang);
  } catch {
    // See initialLang.
  }
}

export interface I18n {
  lang: Lang;
  locale: string;
  t: (key: MessageKey, values?: Values) => string;
}

export function i18nFor(lang: Lang): I18n {
  return { lang, locale: LOCALE[lang], t: (key, values) => translate(lang, key, values) };
}

export const I18nContext = createContext<I18n>(i18nFor('en'));
export const useI18n = (): I18n => useContext(I18nContext);
