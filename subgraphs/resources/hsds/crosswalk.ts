import { TAXONOMY } from '../category/taxonomy';
import airs from './crosswalks/airs-211.json';
import openEligibility from './crosswalks/open-eligibility.json';
import type { HsdsTerm } from './terms';

/**
 * Crosswalks from the taxonomies directories in the field tag services with (AIRS/211, Open
 * Eligibility) to our categories. The tables are data (`crosswalks/*.json`: source, term code, our
 * category); this file only reads them and looks terms up.
 */
export interface CrosswalkTable {
  source: string;
  /** `code-prefix`: a code matches its row and every code below it (AIRS). `name`: by term name. */
  matches: 'code-prefix' | 'name';
  /** Taxonomy names (lower case) a term's `taxonomy` or `taxonomy_detail.name` may carry. */
  taxonomyNames: string[];
  about: string;
  terms: { code: string; name?: string; category: string }[];
}

/** What the crosswalk says of one term. */
export interface TermMapping {
  source: string;
  /** The term as the report names it: its code, else its name. */
  code: string;
  name: string;
  /** Our category, or null when the source is known but this term is not in its table. */
  categoryId: string | null;
}

const OURS = new Set(TAXONOMY.map((t) => t.id));
/** An AIRS code: two letters, then levels such as -1800, .8500, -100, .25 (BH-1800.8500-100). */
const AIRS_CODE = /^[A-Z]{2}-\d{4}(\.\d{4}(-\d{3}(\.\d{2})?)?)?$/;

const normalName = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export class Crosswalk {
  private readonly byCode = new Map<string, Map<string, string>>();

  constructor(readonly tables: readonly CrosswalkTable[]) {
    for (const table of tables) {
      const codes = new Map<string, string>();
      for (const t of table.terms) {
        if (!OURS.has(t.category))
          throw new Error(`crosswalk ${table.source}: ${t.category} is not one of our categories`);
        codes.set(table.matches === 'name' ? normalName(t.code) : t.code.toUpperCase(), t.category);
      }
      this.byCode.set(table.source, codes);
    }
  }

  /** The table a term belongs to: by its taxonomy's name, else an AIRS-shaped code. */
  private tableOf(term: Partial<HsdsTerm>): CrosswalkTable | undefined {
    const detail = term.taxonomy_detail;
    const names = [
      term.taxonomy,
      detail && typeof detail.name === 'string' ? detail.name : undefined,
    ]
      .filter((n): n is string => typeof n === 'string')
      .map((n) => n.toLowerCase().trim());
    const named = this.tables.find((t) =>
      names.some((n) => t.taxonomyNames.some((known) => n === known || n.includes(known))),
    );
    if (named) return named;
    const code = typeof term.code === 'string' ? term.code.trim().toUpperCase() : '';
    return AIRS_CODE.test(code) ? this.tables.find((t) => t.matches === 'code-prefix') : undefined;
  }

  /** Null when the term is from no taxonomy we have a crosswalk for. */
  map(term: Partial<HsdsTerm>): TermMapping | null {
    const table = this.tableOf(term);
    if (!table) return null;
    const codes = this.byCode.get(table.source)!;
    const name = typeof term.name === 'string' ? term.name : '';
    const rawCode = typeof term.code === 'string' ? term.code.trim() : '';
    const code = rawCode || name;
    if (table.matches === 'code-prefix') {
      let key = rawCode.toUpperCase();
      // Longest first: BH-1800.8500-100 → BH-1800.8500 → BH-1800 → BH.
      while (key !== '') {
        const hit = codes.get(key);
        if (hit) return { source: table.source, code, name, categoryId: hit };
        const cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('-'));
        key = cut > 0 ? key.slice(0, cut) : '';
      }
      return { source: table.source, code, name, categoryId: null };
    }
    const candidates = [name, rawCode, rawCode.split(':').pop() ?? ''].map(normalName);
    const hit = candidates.map((c) => codes.get(c)).find((c) => c !== undefined);
    return { source: table.source, code, name, categoryId: hit ?? null };
  }
}

export const CROSSWALK_TABLES: readonly CrosswalkTable[] = [
  airs as CrosswalkTable,
  openEligibility as CrosswalkTable,
];

let shared: Crosswalk | undefined;

/** The crosswalks shipped with the directory. */
export function defaultCrosswalk(): Crosswalk {
  shared ??= new Crosswalk(CROSSWALK_TABLES);
  return shared;
}

/** Whether a category id is one of ours (what the category filters know), not an imported term. */
export function isOurCategory(id: string): boolean {
  return OURS.has(id);
}
