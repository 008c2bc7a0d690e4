import { loadCategories } from './export';
import { HUB_TAXONOMY, type HubCategory } from './model';
import { categoryTerm, HUB_TERMS, type HsdsTerm } from './terms';
import { Insurance, Population } from '../resource/resource.enums';
import type { Db } from '../sql';

/** What a taxonomy term asks of a listing: one of these categories, a population, or an insurance. */
export type TermMatch =
  | { kind: 'categories'; ids: string[] }
  | { kind: 'population'; value: string }
  | { kind: 'insurance'; value: string };

interface Entry {
  term: HsdsTerm;
  match: TermMatch;
}

function normalized(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function taxonomyIdOf(term: HsdsTerm): string | undefined {
  return (
    term.taxonomy_id ??
    ((term.taxonomy_detail as { id?: unknown } | undefined)?.id as string | undefined)
  );
}

/**
 * The HSDS taxonomy terms of the directory: its categories (as the exporter writes them, ours in the
 * hub's taxonomy, imported ones as they came) and the populations and insurance listings carry as
 * attributes. Read once per request: it is small and changes only with imports.
 */
export class HsdsTaxonomy {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();

  private constructor(private readonly categories: ReadonlyMap<string, HubCategory>) {
    for (const category of categories.values()) {
      this.add(categoryTerm(category, categories), {
        kind: 'categories',
        ids: this.withDescendants(category.id),
      });
    }
    for (const value of Object.values(Population))
      this.add(HUB_TERMS.population(value), { kind: 'population', value });
    for (const value of Object.values(Insurance))
      this.add(HUB_TERMS.insurance(value), { kind: 'insurance', value });
  }

  static async load(db: Db): Promise<HsdsTaxonomy> {
    return new HsdsTaxonomy(await loadCategories(db));
  }

  get categoryMap(): ReadonlyMap<string, HubCategory> {
    return this.categories;
  }

  get terms(): HsdsTerm[] {
    return this.entries.map((e) => e.term);
  }

  term(id: string): HsdsTerm | undefined {
    return this.byId.get(id)?.term;
  }

  /** What `taxonomy_term_id` asks for; a category's slug is accepted too. Undefined: a term we do not have. */
  match(termId: string): TermMatch | undefined {
    const entry = this.byId.get(termId) ?? this.byId.get(termId.toLowerCase());
    if (entry) return entry.match;
    return this.categories.has(termId)
      ? { kind: 'categories', ids: this.withDescendants(termId) }
      : undefined;
  }

  /**
   * The categories `taxonomy_id` names; null when it is the hub's own taxonomy, which every listing
   * carries terms of (accepts-referrals at least).
   */
  categoriesOfTaxonomy(taxonomyId: string): string[] | null {
    if (taxonomyId.toLowerCase() === HUB_TAXONOMY.id) return null;
    return this.entries.flatMap((e) =>
      e.match.kind === 'categories' && taxonomyIdOf(e.term) === taxonomyId ? [e.match.ids[0]] : [],
    );
  }

  /** The taxonomies the terms belong to (those with an id), as HSDS `taxonomy` documents. */
  taxonomies(): Record<string, unknown>[] {
    const found = new Map<string, Record<string, unknown>>();
    found.set(HUB_TAXONOMY.id, { ...HUB_TAXONOMY });
    for (const { term } of this.entries) {
      const detail = term.taxonomy_detail;
      const id = taxonomyIdOf(term);
      if (id && !found.has(id) && detail && detail.id === id && typeof detail.name === 'string')
        found.set(id, detail);
    }
    return [...found.values()];
  }

  static matches(fields: unknown[], search: string): boolean {
    const needle = normalized(search);
    return fields.some((f) => typeof f === 'string' && normalized(f).includes(needle));
  }

  private add(term: HsdsTerm, match: TermMatch): void {
    const entry = { term, match };
    this.entries.push(entry);
    this.byId.set(term.id, entry);
  }

  /** A category and every category below it: a parent term matches its children's listings. */
  private withDescendants(id: string): string[] {
    const out = [id];
    for (let i = 0; i < out.length; i++) {
      for (const c of this.categories.values())
        if (c.parentId === out[i] && !out.includes(c.id)) out.push(c.id);
    }
    return out;
  }
}
