import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../kit/errors';
import { query } from '../sql';
import { Category } from './category.entity';

const KEPT_MS = 5_000;

/**
 * The taxonomy's tree (each category's parent), kept by the process for a few seconds, so that a
 * search filtered by category expands it to the sub-categories without reading the taxonomy on
 * every request. An id it does not hold is looked up afresh before it is refused, so a category
 * imported a moment ago is found at once; a new sub-category of a category already held joins its
 * expansion within those seconds.
 */
export class TaxonomyTree {
  private kept?: { until: number; parents: Promise<ReadonlyMap<string, string | null>> };

  constructor(private readonly db: Knex) {}

  parents(fresh = false): Promise<ReadonlyMap<string, string | null>> {
    const now = Date.now();
    if (!fresh && this.kept && this.kept.until > now) return this.kept.parents;
    const parents = query<{ id: string; parent_id: string | null }>(
      this.db,
      'select id, parent_id from category',
    ).then((rows) => new Map(rows.map((r) => [r.id, r.parent_id])));
    const entry = { until: now + KEPT_MS, parents };
    this.kept = entry;
    // A failure is not kept.
    parents.catch(() => this.kept === entry && (this.kept = undefined));
    return parents;
  }
}

const unknownCategory = (id: string, field: string) =>
  new BadUserInputError(`unknown category ${JSON.stringify(id)}; see the categories query`, field);

/**
 * The taxonomy, read once per request (it is small and changes only with imports); with the
 * process's kept tree, a filter's categories are expanded from that instead.
 */
export class CategoryService {
  private loaded?: Promise<Category[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly tree?: TaxonomyTree,
  ) {}

  all(): Promise<Category[]> {
    this.loaded ??= this.em.find(Category, {}, { orderBy: { position: 'asc', id: 'asc' } });
    return this.loaded;
  }

  async byId(id: string): Promise<Category | undefined> {
    return (await this.all()).find((c) => c.id === id);
  }

  async children(parentId: string | null): Promise<Category[]> {
    return (await this.all()).filter((c) => (c.parentId ?? null) === parentId);
  }

  /** Ids as given, after checking each exists; an unknown one is BAD_USER_INPUT naming it. */
  async validate(ids: readonly string[], field: string): Promise<string[]> {
    const known = new Set((await this.all()).map((c) => c.id));
    const unique = [...new Set(ids)];
    const unknown = unique.find((id) => !known.has(id));
    if (unknown !== undefined) throw unknownCategory(unknown, field);
    return unique;
  }

  /** The given categories and every category below them, so a parent matches its children. */
  async expand(ids: readonly string[], field: string): Promise<string[]> {
    const parents = await this.parents(ids);
    const result = new Set(ids);
    const unknown = [...result].find((id) => !parents.has(id));
    if (unknown !== undefined) throw unknownCategory(unknown, field);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [id, parentId] of parents) {
        if (parentId && result.has(parentId) && !result.has(id)) {
          result.add(id);
          grew = true;
        }
      }
    }
    return [...result];
  }

  /** Each category's parent: the kept tree when it holds every id asked about, else read now. */
  private async parents(ids: readonly string[]): Promise<ReadonlyMap<string, string | null>> {
    if (!this.tree) return new Map((await this.all()).map((c) => [c.id, c.parentId ?? null]));
    const kept = await this.tree.parents();
    return ids.every((id) => kept.has(id)) ? kept : this.tree.parents(true);
  }
}
