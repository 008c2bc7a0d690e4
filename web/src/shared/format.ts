import { translate, LOCALE, type Lang } from './i18n';

/** What the search and listing queries return about a place's hours. */
export interface OpenFacts {
  openNow: boolean;
  /** While open: when it closes. */
  closesAt?: string | null;
  /** While closed: when it opens next. */
  nextOpenAt?: string | null;
  /** The place's IANA time zone: times are said in the place's own time. */
  timeZone: string;
}

/** YYYY-MM-DD of an instant in a time zone. */
function localDay(instant: Date, timeZone: string): number {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(instant)
    .split('-')
    .map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * "8 pm", "7:30 am" / "8 p. m." (the glossary's wording, whatever the browser's locale data says),
 * and the hour alone, for Spanish's "la 1" / "las 2".
 */
export function clockTime(
  instant: Date,
  timeZone: string,
  lang: Lang,
): { time: string; hour: string } {
  const [h24, minute] = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(instant)
    .split(':')
    .map(Number);
  const hour = String(h24 % 12 === 0 ? 12 : h24 % 12);
  const clock = minute ? `${hour}:${String(minute).padStart(2, '0')}` : hour;
  const period = h24 < 12 ? { en: 'am', es: 'a. m.' } : { en: 'pm', es: 'p. m.' };
  return { time: `${clock}\u00a0${period[lang]}`, hour };
}

/** A schedule's "HH:MM" (local to the place) as people say it: "17:30" → "5:30 pm". */
export function clockOfDay(hhmm: string, lang: Lang): string {
  const [h, m] = hhmm.split(':').map(Number);
  return clockTime(new Date(Date.UTC(2024, 0, 1, h % 24, m)), 'UTC', lang).time;
}

/**
 * "Open until 8 pm", "Closed · opens at 7 am tomorrow", "Closed · opens Monday at 9 am": in the
 * place's own time zone, counted in the place's days (after 5 pm in Oakland, tomorrow is
 * tomorrow in Oakland even where the reader's phone says it is already the next day).
 */
export function describeOpenState(facts: OpenFacts, now: Date, lang: Lang): string {
  const { timeZone } = facts;
  const today = localDay(now, timeZone);
  if (facts.openNow) {
    if (!facts.closesAt) return translate(lang, 'openAllDay');
    const closes = new Date(facts.closesAt);
    const days = localDay(closes, timeZone) - today;
    if (days > 1 || closes.getTime() - now.getTime() >= 24 * 3_600_000)
      return translate(lang, 'openAllDay');
    const values = clockTime(closes, timeZone, lang);
    return translate(lang, days === 0 ? 'openUntil' : 'openUntilTomorrow', values);
  }
  if (!facts.nextOpenAt) return translate(lang, 'closed');
  const opens = new Date(facts.nextOpenAt);
  const days = localDay(opens, timeZone) - today;
  const values = clockTime(opens, timeZone, lang);
  if (days <= 0) return translate(lang, 'opensToday', values);
  if (days === 1) return translate(lang, 'opensTomorrow', values);
  const day = new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone,
    weekday: 'long',
    ...(days >= 7 ? { month: 'long', day: 'numeric' } : {}),
  }).format(opens);
  return translate(lang, 'opensOn', { ...values, day });
}

export interface CapacityFacts {
  unit: string;
  available: number;
  maximum?: number | null;
  updatedAt: string;
}

/** "4 of 30 beds free · updated 2 h ago". */
export function describeCapacity(capacity: CapacityFacts, now: Date, lang: Lang): string {
  const unit = capacity.unit.toLowerCase();
  const free = translate(lang, 'capacity', {
    hasMax: capacity.maximum != null,
    available: capacity.available,
    maximum: capacity.maximum ?? 0,
    unit,
  });
  return `${free} · ${describeAge(new Date(capacity.updatedAt), now, lang)}`;
}

/** "updated 2 h ago". */
export function describeAge(then: Date, now: Date, lang: Lang): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 60_000));
  if (minutes < 1) return translate(lang, 'updatedAgo', { unit: 'now', n: 0 });
  if (minutes < 60) return translate(lang, 'updatedAgo', { unit: 'minutes', n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return translate(lang, 'updatedAgo', { unit: 'hours', n: hours });
  return translate(lang, 'updatedAgo', { unit: 'days', n: Math.floor(hours / 24) });
}

/** Miles, as California reads distances: one decimal under 10 miles. */
export function describeDistance(km: number, lang: Lang): string {
  const miles = km / 1.609344;
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return translate(lang, 'distance', { miles: rounded });
}

/** ISO 639-1 codes as the reader's language names them: "English, Spanish and Chinese". */
export function describeLanguages(codes: readonly string[], lang: Lang): string {
  const names = new Intl.DisplayNames([LOCALE[lang]], { type: 'language' });
  const list = new Intl.ListFormat(LOCALE[lang], { type: 'conjunction' });
  return list.format(codes.map((code) => names.of(code) ?? code));
}

/** A phone number as people read it: (510) 555-0142. */
export function describePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  return digits.length === 10
    ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`
    : phone;
}

/** tel: link target, +1 when a 10-digit US number. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${/^\d{10}$/.test(digits) ? `+1${digits}` : digits}`;
}

/**
 * How long a referral has waited, in the largest whole unit ("now" under a minute), for messages such
 * as "Waiting 2 days" or "Just arrived".
 */
export function waited(
  since: Date,
  now: Date,
): { unit: 'now' | 'minutes' | 'hours' | 'days'; n: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return { unit: 'now', n: 0 };
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', n: hours };
  return { unit: 'days', n: Math.floor(hours / 24) };
}
