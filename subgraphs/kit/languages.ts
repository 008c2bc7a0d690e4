/**
 * Languages as HSDS allows them: every ISO 639-1 and ISO 639-3 code (the `iso-639-3` code list,
 * which also carries the 639-1 and 639-2 codes), one canonical code per language (639-1 when the
 * language has one, else 639-3: "spa" is stored as "es", "hmn" stays "hmn", as BCP 47 does),
 * macrolanguages and their members from the IANA language subtag registry ("zh" holds "yue" and
 * "cmn"), and names in English and Spanish from CLDR (Node's Intl), falling back to the code list.
 */
import { iso6393, type Language as CodeListEntry } from 'iso-639-3';
import registry from 'language-subtag-registry/data/json/registry.json';

export interface LanguageInfo {
  /** The canonical code: ISO 639-1 when the language has one, else ISO 639-3. */
  code: string;
  iso6393: string;
  iso6391: string | null;
  name: string;
  nameEs: string;
  /** The macrolanguage this language belongs to ("zh" for "yue"), canonical, or null. */
  macrolanguage: string | null;
  /** For a macrolanguage, its members (canonical codes); else empty. */
  members: string[];
}

/**
 * CLDR has no Spanish name for these codes, or (for "tl", "cmn") names them as another code it
 * treats as an alias ("Filipino", "Chinese"): what the field says instead.
 */
const SPANISH_NAMES: Record<string, string> = {
  ase: 'lengua de señas americana',
  cmn: 'chino mandarín',
  tl: 'tagalo',
  mix: 'mixteco de Mixtepec',
  trs: 'triqui de Chicahuaxtla',
  hnj: 'hmong njua',
  mww: 'hmong daw',
};

/** A language as loaded: names are worked out when first asked for (CLDR lookups cost). */
interface Entry extends Omit<LanguageInfo, 'name' | 'nameEs'> {
  listName: string;
  named?: LanguageInfo;
}

interface RegistryEntry {
  Type: string;
  Subtag?: string;
  Macrolanguage?: string;
}

let table: Map<string, Entry> | null = null;
/** Every code a client may send (639-1, 639-2/B, 639-2/T, 639-3), lower case, to its canonical code. */
let aliases: Map<string, string> | null = null;

const displayNames = new Map<string, Intl.DisplayNames>();

function displayName(locale: string, code: string): string | null {
  try {
    // CLDR folds some codes into others ("cmn" → "zh", "tl" → "fil"): its name would then be the
    // other language's, so such codes are named from the code list instead.
    if (Intl.getCanonicalLocales(code)[0] !== code) return null;
    let names = displayNames.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
      displayNames.set(locale, names);
    }
    const name = names.of(code);
    return name && name.toLowerCase() !== code ? name : null;
  } catch {
    return null;
  }
}

function load(): { table: Map<string, Entry>; aliases: Map<string, string> } {
  if (table && aliases) return { table, aliases };
  const byCode = new Map<string, Entry>();
  const codes = new Map<string, string>();
  const canonical = (l: CodeListEntry) => l.iso6391 ?? l.iso6393;
  for (const l of iso6393) {
    if (l.scope === 'special') continue; // "und", "mul", "zxx": not a language anyone speaks
    const code = canonical(l);
    byCode.set(code, {
      code,
      iso6393: l.iso6393,
      iso6391: l.iso6391 ?? null,
      listName: l.name,
      macrolanguage: null,
      members: [],
    });
    for (const alias of [l.iso6393, l.iso6391, l.iso6392B, l.iso6392T])
      if (alias && !codes.has(alias)) codes.set(alias, code);
  }
  for (const entry of registry as RegistryEntry[]) {
    if (entry.Type !== 'language' || !entry.Subtag || !entry.Macrolanguage) continue;
    const member = byCode.get(codes.get(entry.Subtag) ?? '');
    const macro = byCode.get(codes.get(entry.Macrolanguage) ?? '');
    if (!member || !macro) continue;
    member.macrolanguage = macro.code;
    macro.members.push(member.code);
  }
  table = byCode;
  aliases = codes;
  return { table, aliases };
}

/** The canonical code of an ISO 639-1, 639-2 or 639-3 code (any case, "es-MX" read as "es"), or null. */
export function canonicalLanguage(raw: string): string | null {
  const base = raw.trim().toLowerCase().split(/[-_]/)[0];
  if (!/^[a-z]{2,3}$/.test(base)) return null;
  return load().aliases.get(base) ?? null;
}

export function isLanguageCode(value: unknown): value is string {
  return typeof value === 'string' && canonicalLanguage(value) !== null;
}

/** The language of a code, or null when it is none. */
export function languageInfo(raw: string): LanguageInfo | null {
  const code = canonicalLanguage(raw);
  const entry = code ? load().table.get(code) : undefined;
  if (!entry) return null;
  if (!entry.named) {
    const name = displayName('en', entry.code) ?? entry.listName;
    entry.named = {
      code: entry.code,
      iso6393: entry.iso6393,
      iso6391: entry.iso6391,
      name,
      nameEs: SPANISH_NAMES[entry.code] ?? displayName('es', entry.code) ?? name,
      macrolanguage: entry.macrolanguage,
      members: entry.members,
    };
  }
  return entry.named;
}

/** The canonical code of an English language name ("Spanish", "hmong"), or null. */
export function languageByName(name: string): string | null {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return null;
  for (const entry of load().table.values())
    if (entry.listName.toLowerCase() === wanted) return entry.code;
  const byCldr = [...load().table.keys()].find(
    (code) => displayName('en', code)?.toLowerCase() === wanted,
  );
  return byCldr ?? null;
}

/** Canonical codes, each once, in the order given; codes that are not languages are left out. */
export function canonicalLanguages(codes: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of codes) {
    const code = canonicalLanguage(raw);
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/**
 * What a language filter matches: the language itself, its macrolanguage and the macrolanguage's
 * own members are not the same thing, so "yue" matches listings that say "yue" or only "zh"
 * (Chinese, unspecified), and "zh" matches "zh", "yue", "cmn" and the other Chinese languages.
 */
export function languagesMatching(codes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const code of canonicalLanguages(codes)) {
    const info = load().table.get(code)!;
    out.add(code);
    if (info.macrolanguage) out.add(info.macrolanguage);
    for (const member of info.members) out.add(member);
  }
  return [...out];
}
