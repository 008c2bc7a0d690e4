import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { languagesOf } from '../language/language.resolver';
import { LocalTime, localTime } from '../location/local-time';
import { Location } from '../location/location.entity';
import { Resource } from '../resource/resource.entity';
import { ResourceSearchInput } from './search.inputs';
import { Capacity } from '../resource/capacity.entity';
import { ResourceSearchHit, ResourceSearchResult, SearchIndexStatus } from './search.types';

/** The names of the fields selected directly under the current field (fragments followed). */
function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

@Resolver(() => ResourceSearchResult)
export class SearchResolver {
  @Query(() => ResourceSearchResult, {
    description:
      'Resources by place, text, need and hours: one hit per resource at each location. Public.',
  })
  async searchResources(
    @Arg('input', () => ResourceSearchInput) input: ResourceSearchInput,
    @Ctx() ctx: ResourcesContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResourceSearchResult> {
    const fields = selectedFields(info);
    const page = await ctx.search.search(input, {
      total: fields.has('totalCount') || fields.has('totalCountExact'),
      facets: fields.has('facets'),
      hints: fields.has('hints'),
    });
    // The rows the engine read with the page (Postgres) cost no query; else two batched loads for
    // the whole page, whatever its size.
    ctx.loaders.primeFromRows(page.hits.flatMap((h) => (h.rows ? [h.rows] : [])));
    const [resources, locations] = await Promise.all([
      ctx.loaders.resource.loadMany(page.hits.map((h) => h.resourceId)),
      ctx.loaders.location.loadMany(page.hits.flatMap((h) => (h.locationId ? [h.locationId] : []))),
    ]);
    const resourceById = new Map(
      resources
        .filter((r): r is Resource => r instanceof Resource && ctx.resources.isVisible(r))
        .map((r) => [r.id, r]),
    );
    const locationById = new Map(
      locations.filter((l): l is Location => l instanceof Location).map((l) => [l.id, l]),
    );
    const hits: ResourceSearchHit[] = [];
    for (const hit of page.hits) {
      const resource = resourceById.get(hit.resourceId);
      // A listing removed or unpublished since it was indexed is left out until the index catches up.
      if (!resource) continue;
      const location = hit.locationId ? (locationById.get(hit.locationId) ?? null) : null;
      if (hit.locationId && !location) continue;
      hits.push({ ...hit, resource, location });
    }
    return {
      hits,
      totalCount: page.totalCount ?? 0,
      totalCountExact: page.totalCountExact,
      facets: page.facets.map((f) => ({
        field: f.field,
        values:
          f.field === 'LANGUAGE'
            ? f.values.map((v) => ({ ...v, language: languagesOf([v.value])[0] ?? null }))
            : f.values,
      })),
      hints: page.hints,
      pageInfo: page.pageInfo,
    };
  }

  @Query(() => SearchIndexStatus, {
    description: 'How the search index is doing. Administrators only.',
  })
  searchIndexStatus(@Ctx() ctx: ResourcesContext) {
    return ctx.search.status();
  }
}

@Resolver(() => ResourceSearchHit)
export class SearchHitResolver {
  @FieldResolver(() => LocalTime, {
    nullable: true,
    description: "nextOpenAt on the location's wall clock, with its UTC offset.",
  })
  nextOpenAtLocal(@Root() hit: ResourceSearchHit): LocalTime | null {
    // Worked out only when asked: a zone's wall clock costs more than the rest of a hit.
    return hit.location ? localTime(hit.nextOpenAt, hit.location.timeZone) : null;
  }

  @FieldResolver(() => Capacity, {
    nullable: true,
    description:
      "Open capacity at this hit's location (the listing's own when it has no location); hasCapacity filters on it.",
  })
  async capacity(
    @Root() hit: ResourceSearchHit,
    @Ctx() ctx: ResourcesContext,
  ): Promise<Capacity | null> {
    // Batched over the page, and only when a client asks for it.
    if (!hit.location) return hit.resource.capacity ?? null;
    const counts = await ctx.loaders.siteCapacitiesOfResource.load(hit.resource.id);
    return counts.get(hit.location.id)?.capacity ?? null;
  }
}
