import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageTable } from './message-table';
import { FIND_MESSAGES } from './messages';
import type { ACCOUNT_MESSAGES } from './messages-account';
import type { ANSWER_MESSAGES } from './messages-answer';
import type { NOTIFICATION_MESSAGES } from './messages-notifications';
import type { REFER_MESSAGES } from './messages-refer';
import type { SAVED_MESSAGES } from './messages-saved';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];
/** The locale each language formats numbers, dates and times with. */
export const LOCALE: Record<Lang, string> = { en: 'en-US', es: 'es-US' };
const STORED = 'lang';

export type Values = Record<string, PrimitiveType>;

/** Every key of every table (the types only: the tables themselves come with their screens). */
export type MessageKey =
  | keyof typeof FIND_MESSAGES
  | keyof typeof ACCOUNT_MESSAGES
  | keyof typeof ANSWER_MESSAGES
  | keyof typeof NOTIFICATION_MESSAGES
  | keyof typeof REFER_MESSAGES
  | keyof typeof SAVED_MESSAGES;

/**
 * The tables other than Find's, each `messages-<name>.ts` its own small chunk: a screen's chunk
 * loads its table with it (`loadMessages`), so Find's first load carries only its own strings.
 */
const LAZY_TABLES = import.meta.glob<Record<string, MessageTable>>([
  './messages-*.ts',
  '!./*.test.ts',
]);
export type TableName = 'account' | 'answer' | 'notifications' | 'refer' | 'saved';

const messages = new Map<string, MessageTable[string]>(Object.entries(FIND_MESSAGES));
const loaded = new Map<TableName, Promise<void>>();

/** Loads the tables a screen needs (once each); its strings can be shown once this resolves. */
export function loadMessages(...names: TableName[]): Promise<void> {
  return Promise.all(
    names.map((name) => {
      let done = loaded.get(name);
      if (!done) {
        const load = LAZY_TABLES[`./messages-${name}.ts`];
        done = load().then((module) => {
          for (const table of Object.values(module))
            for (const [key, text] of Object.entries(table)) messages.set(key, text);
        });
        // A failed load (offline, a new build) may be tried again.
        done.catch(() => loaded.delete(name));
        loaded.set(name, done);
      }
      return done;
    }),
  ).then(() => undefined);
}

const compiled = new Map<string, IntlMessageFormat>();

/** A message in a language, with its values: ICU plurals and selects, formatted for the locale. */
export function translate(lang: Lang, key: MessageKey, values?: Values): string {
  const id = `${lang}:${key}`;
  let format = compiled.get(id);
  if (!format) {
    const text = messages.get(key);
    // Only a screen shown before its table loaded gets here: the key says which string is missing.
    if (!text) return key;
    format = new IntlMessageFormat(text[lang], LOCALE[lang]);
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
