import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../kit/connection';
import { Language } from '../language/language.types';
import { Location } from '../location/location.entity';
import { Resource } from '../resource/resource.entity';
import type { FacetField, HintFilter } from './search.port';

export enum SearchSort {
  RELEVANCE = 'RELEVANCE',
  DISTANCE = 'DISTANCE',
}
registerEnumType(SearchSort, {
  name: 'SearchSort',
  description:
    'RELEVANCE ranks by the text (then distance); DISTANCE is nearest first. Default: DISTANCE when near is given without text.',
});

export const SearchFacetField = {
  CATEGORY: 'CATEGORY',
  LANGUAGE: 'LANGUAGE',
  POPULATION: 'POPULATION',
  INSURANCE: 'INSURANCE',
  OPEN_NOW: 'OPEN_NOW',
  HAS_CAPACITY: 'HAS_CAPACITY',
} as const satisfies Record<FacetField, FacetField>;
registerEnumType(SearchFacetField, {
  name: 'SearchFacetField',
  description: 'A filter a screen can show counts for.',
});

export const SearchHintFilter = {
  TEXT: 'TEXT',
  NEAR: 'NEAR',
  CATEGORIES: 'CATEGORIES',
  POPULATIONS: 'POPULATIONS',
  LANGUAGES: 'LANGUAGES',
  INSURANCE: 'INSURANCE',
  AGE: 'AGE',
  OPEN_NOW: 'OPEN_NOW',
  OPEN_AT_OR_UNTIL: 'OPEN_AT_OR_UNTIL',
  HAS_CAPACITY: 'HAS_CAPACITY',
  ACCEPTS_REFERRALS: 'ACCEPTS_REFERRALS',
} as const satisfies Record<HintFilter, HintFilter>;
registerEnumType(SearchHintFilter, {
  name: 'SearchHintFilter',
  description:
    'A filter of ResourceSearchInput a hint drops: NEAR widens the circle instead (see radiusKm); OPEN_AT_OR_UNTIL is openAt or openUntil.',
});

@ObjectType({
  description:
    'When a search finds nothing: how many it would find without one of its filters (e.g. without hasCapacity: 3; NEAR: within 50 km: 2).',
})
export class SearchHint {
  @Field(() => SearchHintFilter)
  filter!: HintFilter;

  @Field(() => Int, { description: 'Hits without that filter, counted up to 1,000.' })
  count!: number;

  @Field({ description: 'False when more than count would match: show "1,000+".' })
  countExact!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'For NEAR: the wider radius counted, in km; null means anywhere.',
  })
  radiusKm!: number | null;
}

@ObjectType({ description: 'One resource at one location.' })
export class ResourceSearchHit {
  @Field(() => Resource)
  resource!: Resource;

  @Field(() => Location, {
    nullable: true,
    description: 'Null for a resource offered at no physical place (a phone line).',
  })
  location!: Location | null;

  @Field(() => Float, { nullable: true, description: 'Great-circle distance from `near`, in km.' })
  distanceKm!: number | null;

  @Field({
    description:
      "Open at this moment, by the location's hours in its own time zone (holidays included).",
  })
  openNow!: boolean;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'When it next opens, while closed (looking two weeks ahead).',
  })
  nextOpenAt!: Date | null;

  @Field({ description: 'Not verified in the last 180 days: judge it with care.' })
  stale!: boolean;
}

@ObjectType()
export class SearchFacetValue {
  @Field()
  value!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Language, {
    nullable: true,
    description: 'For the LANGUAGE facet, the language with its names; null for other fields.',
  })
  language?: Language | null;
}

@ObjectType({
  description:
    'How many hits have each value of a field (over all pages, up to the first 1,000 hits).',
})
export class SearchFacet {
  @Field(() => SearchFacetField)
  field!: FacetField;

  @Field(() => [SearchFacetValue])
  values!: SearchFacetValue[];
}

@ObjectType()
export class ResourceSearchResult {
  @Field(() => [ResourceSearchHit])
  hits!: ResourceSearchHit[];

  @Field(() => Int, {
    description:
      'How many hits over all pages, counted up to 1,000 (as deep as paging goes); see totalCountExact.',
  })
  totalCount!: number;

  @Field({ description: 'False when more than totalCount hits match: show "1,000+".' })
  totalCountExact!: boolean;

  @Field(() => [SearchFacet], {
    description:
      'Counts over the same hits totalCount counts: all of them, or the first 1,000 in result order when more match.',
  })
  facets!: SearchFacet[];

  @Field(() => [SearchHint], {
    description:
      'Empty unless the search found nothing: then one hint per filter given, most hits first. Costs one count per filter, asked only when selected.',
  })
  hints!: SearchHint[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'The state of the search index, for administrators.' })
export class SearchIndexStatus {
  @Field({ description: '"postgres" or "meilisearch".' })
  engine!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Documents in the index; null when the engine cannot be reached.',
  })
  documents!: number | null;

  @Field(() => Int, { description: 'Listing changes waiting to be indexed.' })
  pendingChanges!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Age of the oldest waiting change, in seconds.',
  })
  oldestPendingAgeSeconds!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  lastErrorAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  lastIndexedAt!: Date | null;
}
