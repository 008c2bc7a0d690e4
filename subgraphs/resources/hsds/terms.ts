import { TAXONOMY } from '../category/taxonomy';
import { Insurance, Population } from '../resource/resource.enums';
import { HUB_TAXONOMY, uuidFor, type HubCategory } from './model';

/** An HSDS taxonomy_term, as documents carry it. */
export interface HsdsTerm {
  id: string;
  name: string;
  description: string;
  code?: string;
  parent_id?: string;
  taxonomy?: string;
  taxonomy_id?: string;
  taxonomy_detail?: Record<string, unknown>;
  language?: string;
  term_uri?: string;
  [key: string]: unknown;
}

export interface HsdsAttribute {
  id: string;
  link_id?: string;
  link_type?: string;
  link_entity?: string;
  taxonomy_term_id?: string;
  value?: string;
  taxonomy_term?: HsdsTerm;
  [key: string]: unknown;
}

/**
 * Our own terms travel as attributes of the hub's taxonomy, so what HSDS 3.0 has no field for
 * (populations, insurance, capacity, referrals, last verification, time zone) survives a round trip.
 */
export const HUB_CODES = {
  population: 'population/',
  insurance: 'insurance/',
  capacity: 'capacity',
  acceptsReferrals: 'accepts-referrals',
  verified: 'verified',
  timeZone: 'time-zone',
  organizationKind: 'organization-kind',
} as const;

const taxonomyDetail = {
  id: HUB_TAXONOMY.id,
  name: HUB_TAXONOMY.name,
  description: HUB_TAXONOMY.description,
  version: HUB_TAXONOMY.version,
};

export function hubTermId(code: string): string {
  return uuidFor('term', code);
}

export function hubTerm(
  code: string,
  name: string,
  description: string,
  parentCode?: string | null,
): HsdsTerm {
  return {
    id: hubTermId(code),
    code,
    name,
    description,
    ...(parentCode ? { parent_id: hubTermId(parentCode) } : {}),
    taxonomy: HUB_TAXONOMY.name,
    taxonomy_id: HUB_TAXONOMY.id,
    taxonomy_detail: taxonomyDetail,
  };
}

/** A hub code that names a category (not a population, insurance or a value-carrying term). */
export function isCategoryCode(code: string): boolean {
  return (
    code !== '' &&
    !code.startsWith(HUB_CODES.population) &&
    !code.startsWith(HUB_CODES.insurance) &&
    ![
      HUB_CODES.capacity,
      HUB_CODES.acceptsReferrals,
      HUB_CODES.verified,
      HUB_CODES.timeZone,
      HUB_CODES.organizationKind,
    ].some((hub) => hub === code)
  );
}

export function isHubTerm(term: Partial<HsdsTerm> | undefined): boolean {
  if (!term) return false;
  return (
    term.taxonomy_id === HUB_TAXONOMY.id ||
    term.taxonomy === HUB_TAXONOMY.name ||
    (typeof term.code === 'string' && term.id === hubTermId(term.code))
  );
}

/** The HSDS term of a category: ours by slug, or the imported term it came from. */
export function categoryTerm(
  category: HubCategory,
  byId: ReadonlyMap<string, HubCategory>,
): HsdsTerm {
  const stored = (category.hsds ?? {}) as Partial<HsdsTerm>;
  if (!stored.id) {
    return hubTerm(
      category.id,
      category.name,
      category.description ?? category.name,
      category.parentId && byId.has(category.parentId) ? category.parentId : null,
    );
  }
  const parent = category.parentId ? byId.get(category.parentId) : undefined;
  const parentId = parent ? categoryTermId(parent) : stored.parent_id;
  const { parent_id: _drop, ...rest } = stored;
  return {
    ...rest,
    id: category.id,
    name: category.name,
    description: category.description ?? '',
    ...(parentId ? { parent_id: parentId } : {}),
  };
}

export function categoryTermId(category: HubCategory): string {
  return category.hsds?.id ? category.id : hubTermId(category.id);
}

/** An attribute linking a record to a term; `nest` false leaves the term to a taxonomy_terms file. */
export function attribute(
  linkId: string,
  linkEntity: string,
  term: HsdsTerm,
  value?: string,
  nest = true,
): HsdsAttribute {
  return {
    id: uuidFor(linkId, 'attribute', term.id),
    link_id: linkId,
    link_type: 'taxonomy',
    link_entity: linkEntity,
    taxonomy_term_id: term.id,
    ...(value !== undefined ? { value } : {}),
    ...(nest ? { taxonomy_term: term } : {}),
  };
}

function humanize(code: string): string {
  return code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');
}

export const HUB_TERMS = {
  population: (p: string) =>
    hubTerm(`${HUB_CODES.population}${p}`, humanize(p), 'A population the service is for.'),
  insurance: (i: string) =>
    hubTerm(`${HUB_CODES.insurance}${i}`, humanize(i), 'Coverage the service accepts.'),
  acceptsReferrals: hubTerm(
    HUB_CODES.acceptsReferrals,
    'Accepts referrals',
    'Whether partners can send closed-loop referrals; value true or false.',
  ),
  capacity: hubTerm(
    HUB_CODES.capacity,
    'Capacity',
    'Open capacity (HSDS 3.1 service_capacity); value is JSON.',
  ),
  verified: hubTerm(
    HUB_CODES.verified,
    'Last verified',
    'When and by whom the listing was last confirmed; value is JSON.',
  ),
  timeZone: hubTerm(
    HUB_CODES.timeZone,
    'Time zone',
    'IANA time zone of the location; value holds it.',
  ),
  organizationKind: hubTerm(
    HUB_CODES.organizationKind,
    'Organization kind',
    'What the organization is (HOSPITAL, JAIL, PRISON, CLINIC, SERVICE_PROVIDER...); value holds it.',
  ),
};

let known: Map<string, HsdsTerm> | undefined;

/** Every term of the hub's own taxonomy, by id: documents may carry only taxonomy_term_id. */
export function hubTerms(): Map<string, HsdsTerm> {
  known ??= new Map(
    [
      ...TAXONOMY.map((t) => hubTerm(t.id, t.name, t.description, t.parentId)),
      ...Object.values(Population).map(HUB_TERMS.population),
      ...Object.values(Insurance).map(HUB_TERMS.insurance),
      HUB_TERMS.acceptsReferrals,
      HUB_TERMS.capacity,
      HUB_TERMS.verified,
      HUB_TERMS.timeZone,
      HUB_TERMS.organizationKind,
    ].map((t) => [t.id, t]),
  );
  return known;
}
