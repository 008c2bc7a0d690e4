import { languageInfo } from '../language/languages';
import { scheduleFromHsds, scheduleToHsds, type HsdsSchedule } from './schedule-map';
import {
  uuidFor,
  type HubCategory,
  type HubLocation,
  type HubOrganization,
  type HubResource,
  type HubSiteCapacity,
} from './model';
import {
  attribute,
  categoryTerm,
  HUB_TERMS,
  isHubTerm,
  type HsdsAttribute,
  type HsdsTerm,
} from './terms';

/** Documents as the HSDS 3.0 compiled schemas describe them. */
export type HsdsDocument = Record<string, unknown>;
type List = Record<string, unknown>[];

const URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Copies the defined, non-null values; HSDS fields are never null. */
function compact(fields: Record<string, unknown>): HsdsDocument {
  const out: HsdsDocument = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

const uri = (v: string | null | undefined) => (v && URI.test(v) ? v : undefined);
const email = (v: string | null | undefined) => (v && EMAIL.test(v) ? v : undefined);
const list = (v: unknown): List => (Array.isArray(v) ? (v as List) : []);

/**
 * Kept HSDS fields minus what the export writes identically from the model: documents we wrote
 * ourselves (the seed, an earlier export) then keep nothing twice.
 */
export function withoutDerived(
  kept: Record<string, unknown> | null,
  derived: Record<string, unknown>,
): Record<string, unknown> | null {
  if (!kept) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kept))
    if (!(k in derived) || !sameJson(derived[k], v)) out[k] = v;
  return Object.keys(out).length > 0 ? out : null;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The stored phones, with the first one being ours (the model keeps one number). */
export function phones(
  ownerKey: 'service_id' | 'organization_id' | 'location_id',
  ownerId: string,
  phone: string | null,
  stored: unknown,
): List {
  const kept = list(stored);
  if (kept[0] && kept[0].number === phone) return kept;
  const rest = kept.slice(1);
  return phone
    ? [{ id: uuidFor(ownerId, 'phone'), [ownerKey]: ownerId, number: phone }, ...rest]
    : rest;
}

export function organizationToHsds(org: HubOrganization): HsdsDocument {
  const { phones: storedPhones, attributes: storedAttributes, ...extras } = org.hsds ?? {};
  const orgPhones = phones('organization_id', org.id, org.phone, storedPhones);
  const kindTerm = HUB_TERMS.organizationKind;
  const attributes: List = [
    ...list(storedAttributes).filter((x) => (x as HsdsAttribute).taxonomy_term_id !== kindTerm.id),
    ...(org.kind ? [attribute(org.id, 'organization', kindTerm, org.kind)] : []),
  ];
  return compact({
    ...extras,
    id: org.id,
    name: org.name,
    alternate_name: org.alternateName,
    description: org.description ?? '',
    email: email(org.email),
    website: uri(org.website),
    phones: orgPhones.length > 0 ? orgPhones : undefined,
    attributes: attributes.length > 0 ? attributes : undefined,
  });
}

export function locationToHsds(location: HubLocation, nest = true): HsdsDocument {
  const stored = location.hsds ?? {};
  const {
    addresses: storedAddresses,
    accessibility: storedAccessibility,
    schedules: storedSchedules,
    attributes: storedAttributes,
    ...extras
  } = stored;
  const addresses = list(storedAddresses).filter((a) => a.address_type !== 'physical');
  if (location.address) {
    const a = location.address;
    addresses.unshift(
      compact({
        id: uuidFor(location.id, 'address', 'physical'),
        location_id: location.id,
        address_1: a.address1,
        address_2: a.address2,
        city: a.city,
        region: a.region,
        state_province: a.stateProvince,
        postal_code: a.postalCode,
        country: a.country,
        address_type: 'physical',
      }),
    );
    const original = list(storedAddresses).find((x) => x.address_type === 'physical');
    if (original && sameJson(physicalOf(original), physicalOf(addresses[0])))
      addresses[0] = original;
  }
  const accessibility = list(storedAccessibility);
  const access = location.accessibility
    ? accessibility[0]?.description === location.accessibility
      ? accessibility
      : [
          {
            id: uuidFor(location.id, 'accessibility'),
            location_id: location.id,
            description: location.accessibility,
          },
          ...accessibility.slice(1),
        ]
    : accessibility.slice(1);
  const kept = list(storedSchedules) as HsdsSchedule[];
  const schedules =
    kept.length > 0 && sameJson(scheduleFromHsds(kept).schedule, location.schedule)
      ? kept
      : scheduleToHsds(location.id, location.schedule);
  const attributes: List = [
    ...list(storedAttributes).filter((x) => !isHubTerm((x as HsdsAttribute).taxonomy_term)),
    attribute(location.id, 'location', HUB_TERMS.timeZone, location.timeZone, nest),
  ];
  return compact({
    location_type: 'physical',
    ...extras,
    id: location.id,
    organization_id: location.organizationId,
    name: location.name,
    description: location.description,
    transportation: location.transitNotes,
    latitude: location.latitude,
    longitude: location.longitude,
    addresses: addresses.length > 0 ? addresses : undefined,
    accessibility: access.length > 0 ? access : undefined,
    schedules: schedules.length > 0 ? schedules : undefined,
    attributes,
  });
}

function physicalOf(a: Record<string, unknown>) {
  return [
    a.address_1,
    a.address_2 ?? null,
    a.city,
    a.region ?? null,
    a.state_province,
    a.postal_code,
    a.country,
  ];
}

const STATUS_TO_HSDS = {
  ACTIVE: 'active',
  TEMPORARILY_CLOSED: 'temporarily closed',
  INACTIVE: 'inactive',
  DEFUNCT: 'defunct',
} as const;

function serviceAttributes(
  r: HubResource,
  categories: ReadonlyMap<string, HubCategory>,
  stored: unknown,
  nest: boolean,
): List {
  const link = (term: HsdsTerm, value?: string) => attribute(r.id, 'service', term, value, nest);
  const out: List = list(stored).filter((x) => !isHubTerm((x as HsdsAttribute).taxonomy_term));
  for (const id of r.categoryIds) {
    const category = categories.get(id) ?? {
      id,
      name: id,
      description: null,
      parentId: null,
      hsds: null,
    };
    out.push(link(categoryTerm(category, categories)));
  }
  for (const p of r.populations) out.push(link(HUB_TERMS.population(p)));
  for (const i of r.insurance) out.push(link(HUB_TERMS.insurance(i)));
  out.push(link(HUB_TERMS.acceptsReferrals, String(r.acceptsReferrals)));
  if (r.capacity) out.push(link(HUB_TERMS.capacity, JSON.stringify(r.capacity)));
  if (r.lastVerifiedAt)
    out.push(
      link(HUB_TERMS.verified, JSON.stringify({ at: r.lastVerifiedAt, by: r.lastVerifiedBy })),
    );
  return out;
}

export function languages(r: HubResource, stored: unknown): List {
  const kept = list(stored);
  return r.languages.map((code) => {
    const original = kept.find((l) => l.code === code);
    return (
      original ??
      compact({
        id: uuidFor(r.id, 'language', code),
        service_id: r.id,
        name: languageInfo(code)?.name,
        code,
      })
    );
  });
}

export function requiredDocuments(r: HubResource, stored: unknown): List {
  const kept = list(stored);
  return r.requiredDocuments.map(
    (document) =>
      kept.find((d) => d.document === document) ?? {
        id: uuidFor(r.id, 'document', document),
        service_id: r.id,
        document,
      },
  );
}

export interface ServiceContext {
  organization: HubOrganization;
  locations: ReadonlyMap<string, HubLocation>;
  categories: ReadonlyMap<string, HubCategory>;
  /** False: attributes carry taxonomy_term_id only, terms go to a taxonomy_terms file (compact). */
  nestTerms?: boolean;
  /** False: service_at_locations carry location_id only (the locations are in the organization document). */
  nestLocations?: boolean;
  /** False: no nested organization (the service sits inside its organization document). */
  nestOrganization?: boolean;
}

/**
 * One site's count as HSDS 3.0 can carry it: an attribute of the service_at_location whose value is
 * an HSDS 3.1 service_capacity (id, service_id, unit, available, maximum, updated).
 */
function siteCapacityAttribute(
  salId: string,
  serviceId: string,
  c: HubSiteCapacity,
  nest: boolean,
): HsdsAttribute {
  const capacity = compact({
    id: c.id,
    service_id: serviceId,
    unit: { id: uuidFor('unit', c.unit), name: c.unit },
    available: c.available,
    maximum: c.maximum,
    updated: c.updatedAt,
  });
  return attribute(
    salId,
    'service_at_location',
    HUB_TERMS.capacity,
    JSON.stringify(capacity),
    nest,
  );
}

/** A whole service document (compiled `service.json`): organization and locations nested. */
export function serviceToHsds(r: HubResource, ctx: ServiceContext): HsdsDocument {
  const stored = r.hsds ?? {};
  const {
    phones: p,
    languages: l,
    required_documents: d,
    attributes: a,
    service_at_locations: sal,
    ...extras
  } = stored;
  const salById = new Map(list(sal).map((x) => [x.location_id as string, x]));
  const salIdAt = (locationId: string) =>
    (salById.get(locationId)?.id as string | undefined) ?? uuidFor(r.id, 'at', locationId);
  const placed = (r.siteCapacities ?? []).filter((c) => r.locationIds.includes(c.locationId));
  const servicePhones = phones('service_id', r.id, r.phone, p);
  const langs = languages(r, l);
  const docs = requiredDocuments(r, d);
  const verifiedBy = email(r.lastVerifiedBy);
  return compact({
    ...extras,
    id: r.id,
    organization_id: r.organizationId,
    name: r.name,
    alternate_name: r.alternateName,
    description: r.description,
    url: uri(r.url),
    email: email(r.email),
    status: STATUS_TO_HSDS[r.status],
    application_process: r.applicationProcess,
    fees_description: r.feesDescription,
    eligibility_description: r.eligibilityDescription,
    minimum_age: r.minimumAge,
    maximum_age: r.maximumAge,
    assured_date: r.lastVerifiedAt ? r.lastVerifiedAt.slice(0, 10) : extras.assured_date,
    assurer_email: verifiedBy ?? extras.assurer_email,
    last_modified: r.updatedAt ?? extras.last_modified,
    phones: servicePhones.length > 0 ? servicePhones : undefined,
    languages: langs.length > 0 ? langs : undefined,
    required_documents: docs.length > 0 ? docs : undefined,
    attributes: serviceAttributes(r, ctx.categories, a, ctx.nestTerms !== false),
    organization: ctx.nestOrganization === false ? undefined : organizationToHsds(ctx.organization),
    service_at_locations: r.locationIds.flatMap((locationId) => {
      const location = ctx.locations.get(locationId);
      if (!location) return [];
      const { attributes: keptAttributes, ...kept } = salById.get(locationId) ?? {};
      const nested =
        ctx.nestLocations === false
          ? {}
          : { location: locationToHsds(location, ctx.nestTerms !== false) };
      const id = salIdAt(locationId);
      const count = placed.find((c) => c.locationId === locationId);
      const attributes: List = [
        ...list(keptAttributes).filter(
          (x) => (x as HsdsAttribute).taxonomy_term_id !== HUB_TERMS.capacity.id,
        ),
        ...(count ? [siteCapacityAttribute(id, r.id, count, ctx.nestTerms !== false)] : []),
      ];
      return [
        {
          ...kept,
          id,
          service_id: r.id,
          location_id: locationId,
          ...nested,
          ...(attributes.length > 0 ? { attributes } : {}),
        },
      ];
    }),
  });
}

/** An organization document (compiled `organization.json`) with its locations, and its services when given. */
export function organizationDocument(
  org: HubOrganization,
  locations: readonly HubLocation[],
  services?: {
    resources: readonly HubResource[];
    categories: ReadonlyMap<string, HubCategory>;
    nestTerms?: boolean;
  },
): HsdsDocument {
  const nest = services?.nestTerms !== false;
  const doc = organizationToHsds(org);
  if (locations.length > 0) doc.locations = locations.map((l) => locationToHsds(l, nest));
  if (services && services.resources.length > 0) {
    const byId = new Map(locations.map((l) => [l.id, l]));
    const ctx: ServiceContext = {
      organization: org,
      locations: byId,
      categories: services.categories,
      nestTerms: nest,
      nestLocations: false,
      nestOrganization: false,
    };
    doc.services = services.resources.map((r) => serviceToHsds(r, ctx));
  }
  return doc;
}
