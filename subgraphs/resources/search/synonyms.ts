/**
 * Words peers type for the same thing. Each group is a set of equivalent phrases: a query that
 * contains one of them also finds listings that use another. The Spanish words are those the
 * English–Spanish glossary says people type for each thing, so that "albergue" finds shelters.
 * Both engines use this one list (Meilisearch as its `synonyms` setting, Postgres by rewriting the
 * query).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['food bank', 'food pantry', 'food distribution', 'groceries', 'despensa', 'banco de comida'],
  ['food', 'comida', 'alimentos'],
  [
    'shelter',
    'emergency housing',
    'emergency shelter',
    'night shelter',
    'beds',
    'albergue',
    'refugio',
  ],
  ['housing', 'vivienda', 'alojamiento'],
  [
    'mat',
    'moud',
    'medication for addiction treatment',
    'medication assisted treatment',
    'buprenorphine',
    'suboxone',
    'buprenorfina',
    'metadona',
  ],
  // "sobering center", not "sobering": the stem of that is "sober", which is sober living.
  ['detox', 'withdrawal management', 'sobering center', 'desintoxicación'],
  ['job', 'jobs', 'employment', 'work', 'trabajo', 'empleo', 'chamba'],
  ['clinic', 'health center', 'medical', 'doctor', 'clínica', 'médico', 'centro de salud'],
  ['sober living', 'recovery residence', 'recovery home', 'casa sobria', 'vivienda sobria'],
  ['meal', 'meals', 'hot meal', 'free lunch', 'soup kitchen', 'comedor', 'comida caliente'],
  ['shower', 'showers', 'hygiene', 'duchas', 'regadera'],
  ['clothes', 'clothing', 'ropa'],
  [
    'mental health',
    'counseling',
    'therapy',
    'behavioral health',
    'salud mental',
    'terapia',
    'psicólogo',
    'consejería',
  ],
  ['rehab', 'substance use treatment', 'addiction treatment', 'drug treatment', 'rehabilitación'],
  ['reentry', 're-entry', 'second chance', 'fair chance'],
  ['expungement', 'record clearance', 'clean slate'],
  ['legal aid', 'lawyer', 'legal help', 'abogado', 'ayuda legal', 'asesoría legal'],
  ['drop-in', 'drop in', 'drop-in center', 'centro de día', 'centro de acogida'],
  ['calfresh', 'food stamps', 'snap', 'ebt', 'estampillas', 'cupones de comida'],
  ['bus pass', 'transportation', 'rides', 'transporte', 'pase de autobús'],
  ['crisis line', 'hotline', 'warm line', '988'],
  ['dentist', 'dental', 'dentista'],
];

/** Lowercase, accents and punctuation gone, single spaces: how queries and synonyms are compared. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const PHRASES: { words: string[]; group: readonly string[] }[] = SYNONYM_GROUPS.flatMap((group) =>
  group.map((phrase) => ({ words: normalizeText(phrase).split(' '), group })),
).sort((a, b) => b.words.length - a.words.length);

/**
 * Splits a query into term groups, longest synonym phrase first: "food bank spanish" becomes
 * [["food bank", "food pantry", ...], ["spanish"]]. A listing must match one alternative of every group.
 */
export function expandSynonyms(text: string): string[][] {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const groups: string[][] = [];
  let i = 0;
  while (i < words.length) {
    const match = PHRASES.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (match) {
      groups.push([...new Set([match.words.join(' '), ...match.group.map(normalizeText)])]);
      i += match.words.length;
    } else {
      groups.push([words[i]]);
      i += 1;
    }
  }
  return groups;
}

/** The synonyms setting of Meilisearch: every phrase maps to the other phrases of its group. */
export function meiliSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const phrase of group) out[phrase] = group.filter((p) => p !== phrase);
  }
  return out;
}
