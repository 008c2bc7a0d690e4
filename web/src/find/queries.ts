import { graphql, type ResultOf, type VariablesOf } from '../shared/graphql';

/**
 * The Find screen's search: what each result shows, the filters' counts, the next page, and when
 * nothing matches the API's hints (how many each filter's removal would find). The API has no facet
 * for "accepts referrals", so the same request counts the search with that filter added
 * (`referrals`, only while the filter is off: one more count, no second round trip).
 */
export const SearchQuery = graphql(`
  query FindSearch(
    $input: ResourceSearchInput!
    $referralsInput: ResourceSearchInput!
    $countReferrals: Boolean!
  ) {
    referrals: searchResources(input: $referralsInput) @include(if: $countReferrals) {
      totalCount
    }
    searchResources(input: $input) {
      totalCount
      totalCountExact
      hits {
        distanceKm
        openNow
        nextOpenAt
        stale
        resource {
          id
          name
          languages
          organization {
            name
          }
          capacity {
            unit
            available
            maximum
            updatedAt
          }
        }
        location {
          id
          name
          latitude
          longitude
          timeZone
          closesAt
          address {
            city
          }
        }
      }
      facets {
        field
        values {
          value
          count
        }
      }
      hints {
        filter
        count
        countExact
        radiusKm
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type SearchResult = ResultOf<typeof SearchQuery>['searchResources'];
export type SearchHint = SearchResult['hints'][number];
export type SearchHit = SearchResult['hits'][number];
export type SearchInput = VariablesOf<typeof SearchQuery>['input'];
export type Population = NonNullable<SearchInput['populations']>[number];

/** The populations the API knows, in the order the filter lists them. */
export const POPULATIONS = [
  'PEOPLE_LEAVING_JAIL',
  'PEOPLE_LEAVING_PRISON',
  'PEOPLE_LEAVING_HOSPITAL',
  'PEOPLE_EXPERIENCING_HOMELESSNESS',
  'PEOPLE_IN_RECOVERY',
  'VETERANS',
  'FAMILIES',
  'YOUTH',
  'TRANSITION_AGE_YOUTH',
  'SENIORS',
  'WOMEN',
  'MEN',
  'LGBTQ',
  'PEOPLE_WITH_DISABILITIES',
  'SURVIVORS_OF_VIOLENCE',
  'IMMIGRANTS',
  'PREGNANT_PEOPLE',
] as const satisfies readonly Population[];

export const isPopulation = (value: string | null): value is Population =>
  (POPULATIONS as readonly string[]).includes(value ?? '');

/**
 * What the listing page shows: everything a peer acts on, for every place it is offered. A
 * fragment (unmasked), so a saved listing is fetched with the same fields and opens offline.
 */
export const ListingFields = graphql(`
  fragment ListingFields on Resource @_unmask {
    id
    name
    description
    phone
    email
    url
    languages
    populations
    insurance
    eligibilityDescription
    applicationProcess
    requiredDocuments
    feesDescription
    acceptsReferrals
    stale
    lastVerifiedAt
    organization {
      name
      phone
    }
    capacity {
      unit
      available
      maximum
      updatedAt
    }
    locations {
      id
      name
      latitude
      longitude
      timeZone
      openNow
      closesAt
      nextOpenAt
      transitNotes
      accessibility
      address {
        address1
        address2
        city
        stateProvince
        postalCode
      }
      schedule {
        weekly {
          day
          opensAt
          closesAt
        }
      }
    }
  }
`);

/** The listing page. */
export const ListingQuery = graphql(
  `
    query FindListing($id: ID!) {
      resource(id: $id) {
        ...ListingFields
      }
    }
  `,
  [ListingFields],
);

export type Listing = ResultOf<typeof ListingFields>;
