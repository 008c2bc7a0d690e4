/**
 * The needs a peer taps, in plain words, and the taxonomy categories each one searches (a parent
 * category includes its children: "substance-use-treatment" covers medication for addiction
 * treatment). The ids are the API's `categories` (subgraphs/resources/category/taxonomy.ts).
 */
export const NEEDS = {
  bed: ['emergency-shelter'],
  food: ['food'],
  detox: ['substance-use-treatment'],
  mental: ['mental-health'],
  clinic: ['primary-care'],
  jobs: ['employment'],
  dropin: ['peer-drop-in'],
  showers: ['clothing-hygiene'],
  legal: ['legal-aid'],
} as const satisfies Record<string, readonly string[]>;

export type Need = keyof typeof NEEDS;
export const NEED_KEYS = Object.keys(NEEDS) as Need[];
export const isNeed = (value: string | null): value is Need =>
  value !== null && Object.hasOwn(NEEDS, value);
