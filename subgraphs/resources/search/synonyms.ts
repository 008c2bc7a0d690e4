/**
 * Words peers type for the same thing. Each group is a set of equivalent phrases: a query that
 * contains one of them also finds listings that use another. Both engines use this one list
 * (Meilisearch as its `synonyms` setting, Postgres by rewriting the query).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['food bank', 'food pantry', 'food distribution', 'groceries'],
  ['shelter', 'emergency housing', 'emergency shelter', 'night shelter', 'beds'],
  [
    'mat',
    'moud',
    'medication for addiction treatment',
    'medication assisted treatment',
    'buprenorphine',
    'suboxone',
  ],
  ['detox', 'withdrawal management', 'sobering'],
  ['job', 'jobs', 'employment', 'work'],
  ['clinic', 'health center', 'medical', 'doctor'],
  ['sober living', 'recovery residence', 'recovery home'],
  ['meal', 'meals', 'hot meal', 'free lunch', 'soup kitchen'],
  ['shower', 'showers', 'hygiene'],
  ['mental health', 'counseling', 'therapy', 'behavioral health'],
  ['rehab', 'substance use treatment', 'addiction treatment', 'drug treatment'],
  ['reentry', 're-entry', 'second chance', 'fair chance'],
  ['expungement', 'record clearance', 'clean slate'],
  ['legal aid', 'lawyer', 'legal help'],
  ['drop-in', 'drop in', 'drop-in center'],
  ['calfresh', 'food stamps', 'snap', 'ebt'],
  ['bus pass', 'transportation', 'rides'],
  ['crisis line', 'hotline', 'warm line', '988'],
  ['dentist', 'dental'],
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
