import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { Category } from './category.entity';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], {
    description: 'The taxonomy: top-level categories, or the children of parentId.',
  })
  async categories(
    @Ctx() ctx: ResourcesContext,
    @Arg('parentId', () => ID, { nullable: true }) parentId?: string,
    @Arg('all', () => Boolean, { defaultValue: false, description: 'Every category, flat.' })
    all?: boolean,
  ) {
    return all ? ctx.categories.all() : ctx.categories.children(parentId ?? null);
  }

  @FieldResolver(() => Category, { nullable: true })
  async parent(@Root() category: Category, @Ctx() ctx: ResourcesContext) {
    return category.parentId ? ((await ctx.categories.byId(category.parentId)) ?? null) : null;
  }

  @FieldResolver(() => [Category])
  children(@Root() category: Category, @Ctx() ctx: ResourcesContext) {
    return ctx.categories.children(category.id);
  }
}
