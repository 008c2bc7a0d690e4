import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../kit/errors';
import { Category } from './category.entity';

/** The taxonomy, read once per request (it is small and changes only with imports). */
export class CategoryService {
  private loaded?: Promise<Category[]>;

  constructor(private readonly em: EntityManager) {}

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
    if (unknown !== undefined) {
      throw new BadUserInputError(
        `unknown category ${JSON.stringify(unknown)}; see the categories query`,
        field,
      );
    }
    return unique;
  }

  /** The given categories and every category below them, so a parent matches its children. */
  async expand(ids: readonly string[], field: string): Promise<string[]> {
    const all = await this.all();
    const result = new Set(await this.validate(ids, field));
    let grew = true;
    while (grew) {
      grew = false;
      for (const c of all) {
        if (c.parentId && result.has(c.parentId) && !result.has(c.id)) {
          result.add(c.id);
          grew = true;
        }
      }
    }
    return [...result];
  }
}
