import { Insurance, Population } from '../resource/resource.enums';
import { isValidTimeZone } from '../location/schedule';
import { isUuid } from '../../kit/ids';
import { isOrganizationKind } from '../organization/organization.enums';
import {
  age,
  coordinate,
  extras,
  Findings,
  idOf,
  idText,
  isObject,
  languageCode,
  objects,
  RecordError,
  refId,
  requiredText,
  text,
  type Doc,
} from './fields';
import type {
  HubAddress,
  HubCapacity,
  HubCategory,
  HubLocation,
  HubOrganization,
  HubResource,
  HubSiteCapacity,
  HubStatus,
} from './model';
import { uuidFor } from './model';
import { scheduleFromHsds, type HsdsSchedule } from './schedule-map';
import {
  languages,
  locationToHsds,
  organizationToHsds,
  phones,
  requiredDocuments,
  withoutDerived,
} from './to-hsds';
import { HUB_CODES, HUB_TERMS, hubTerms, isCategoryCode, isHubTerm, type HsdsTerm } from './terms';
import { defaultCrosswalk, isOurCategory, type Crosswalk } from './crosswalk';

/** What one HSDS document holds, as our rows, with what was skipped or dropped. */
export interface Unit {
  categories: HubCategory[];
  organizations: HubOrganization[];
  locations: HubLocation[];
  resources: HubResource[];
  findings: Findings;
}

export interface ReadOptions {
  /** IANA zone for locations that do not say theirs (HSDS has only UTC offsets). */
  timeZone: string;
  /** Terms read so far in this import, for attributes that carry only taxonomy_term_id. */
  terms?: Map<string, HsdsTerm>;
  /** Maps AIRS/211 and Open Eligibility terms to our categories; the shipped tables by default. */
  crosswalk?: Crosswalk;
  /** What a listing gets when its document does not say (an import profile's defaults). */
  defaults?: {
    acceptsReferrals?: boolean;
    populations?: readonly string[];
    insurance?: readonly string[];
  };
}

const STATUS: Record<string, HubStatus> = {
  active: 'ACTIVE',
  inactive: 'INACTIVE',
  defunct: 'DEFUNCT',
  'temporarily closed': 'TEMPORARILY_CLOSED',
  temporarily_closed: 'TEMPORARILY_CLOSED',
};
const POPULATIONS = new Set<string>(Object.values(Population));
const zones = new Map<string, boolean>();
// luxon builds an Intl formatter per check: remember the answer, the same few zones repeat.
const validZone = (zone: string) =>
  zones.get(zone) ?? (zones.set(zone, isValidTimeZone(zone)), zones.get(zone)!);
const INSURANCE = new Set<string>(Object.values(Insurance));

const ORG_MAPPED = [
  'id',
  'name',
  'alternate_name',
  'description',
  'email',
  'website',
  'locations',
  'services',
];
const LOCATION_MAPPED = [
  'id',
  'organization_id',
  'name',
  'description',
  'latitude',
  'longitude',
  'transportation',
];
const SERVICE_MAPPED = [
  'id',
  'organization_id',
  'organization',
  'name',
  'alternate_name',
  'description',
  'url',
  'email',
  'status',
  'application_process',
  'fees_description',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'assured_date',
  'assurer_email',
  'last_modified',
  'service_at_locations',
  'capacities',
];

export class UnitReader {
  readonly unit: Unit;

  constructor(
    file: string,
    private readonly options: ReadOptions,
  ) {
    this.unit = {
      categories: [],
      organizations: [],
      locations: [],
      resources: [],
      findings: new Findings(file),
    };
  }

  private get f(): Findings {
    return this.unit.findings;
  }

  private get crosswalk(): Crosswalk {
    return this.options.crosswalk ?? defaultCrosswalk();
  }

  /** Runs `read` for one record; a RecordError skips that record and is reported. */
  private record<T>(doc: Doc, kind: string, read: () => T, context = ''): T | null {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      const id = doc.id === undefined || doc.id === null ? null : idText(doc.id);
      this.f.skip(id, `${kind}${context}.${error.field}`, error.reason);
      return null;
    }
  }

  term(doc: Doc): string | null {
    return this.record(doc, 'taxonomy_term', () => {
      const term = doc as HsdsTerm;
      if (typeof term.id === 'string') this.options.terms?.set(term.id, term);
      if (isHubTerm(term) && typeof term.code === 'string') {
        if (!isCategoryCode(term.code)) return null;
        // One of our own categories: created when missing, never overwritten by a copy of itself.
        this.unit.categories.push({
          id: term.code,
          name: requiredText(doc, 'name', this.f, term.code),
          description: text(doc, 'description', this.f, term.code),
          parentId: null,
          hsds: null,
        });
        return term.code;
      }
      // A term the crosswalk maps stands for one of our categories: nothing of its own to create.
      const mapped = this.crosswalk.map(term);
      if (mapped?.categoryId) return mapped.categoryId;
      const id = idOf(doc, this.f, 'taxonomy_term');
      const name = requiredText(doc, 'name', this.f, id);
      const { metadata: _m, ...kept } = doc;
      this.unit.categories.push({
        id,
        name,
        description: text(doc, 'description', this.f, id),
        parentId: refId(doc.parent_id, 'taxonomy_term'),
        hsds: { ...kept, id },
      });
      return id;
    });
  }

  organization(doc: Doc): string | null {
    const id = this.readOrganization(doc);
    if (id === null) {
      // What the organization holds cannot load without it: say so record by record.
      for (const s of objects(doc.services))
        this.f.skip(
          refText(s.id),
          'service.organization',
          'its organization could not be read (see that problem)',
        );
      for (const l of objects(doc.locations))
        this.f.skip(
          refText(l.id),
          'location.organization',
          'its organization could not be read (see that problem)',
        );
    }
    return id;
  }

  /** The hub's organization-kind attribute, when the document has one we know. */
  private organizationKind(doc: Doc, id: string): string | null {
    const given = objects(doc.attributes).find(
      (a) =>
        a.taxonomy_term_id === HUB_TERMS.organizationKind.id ||
        (isObject(a.taxonomy_term) && a.taxonomy_term.code === HUB_CODES.organizationKind),
    );
    if (!given) return null;
    const kind = typeof given.value === 'string' ? given.value.trim().toUpperCase() : '';
    if (isOrganizationKind(kind)) return kind;
    this.f.warn(
      id,
      'attributes.organization-kind',
      `${JSON.stringify(given.value)} is not an organization kind we know; left out`,
    );
    return null;
  }

  private readOrganization(doc: Doc): string | null {
    return this.record(doc, 'organization', () => {
      const id = idOf(doc, this.f, 'organization');
      const org: HubOrganization = {
        id,
        name: requiredText(doc, 'name', this.f, id),
        alternateName: text(doc, 'alternate_name', this.f, id),
        description: text(doc, 'description', this.f, id),
        email: text(doc, 'email', this.f, id),
        website: text(doc, 'website', this.f, id),
        phone: firstPhone(doc),
        kind: this.organizationKind(doc, id),
        hsds: null,
      };
      org.hsds = withoutDerived(extras(doc, ORG_MAPPED), organizationToHsds(org));
      this.unit.organizations.push(org);
      for (const l of objects(doc.locations)) this.location(l, id);
      for (const s of objects(doc.services)) this.service(s, id);
      return id;
    });
  }

  location(
    doc: Doc,
    fallbackOrganizationId: string | null,
    fallbackSchedules: HsdsSchedule[] = [],
  ): string | null {
    return this.record(doc, 'location', () => {
      const id = idOf(doc, this.f, 'location');
      const own = refId(doc.organization_id, 'organization');
      let organizationId = fallbackOrganizationId ?? own;
      if (
        own &&
        fallbackOrganizationId &&
        own !== fallbackOrganizationId &&
        !this.unit.organizations.some((o) => o.id === own)
      ) {
        this.f.warn(
          id,
          'organization_id',
          `organization ${own} is not in this document; the location is filed under ${fallbackOrganizationId}`,
        );
        organizationId = fallbackOrganizationId;
      } else if (own && this.unit.organizations.some((o) => o.id === own)) {
        organizationId = own;
      }
      const latitude = coordinate(doc.latitude, 90);
      const longitude = coordinate(doc.longitude, 180);
      const located = latitude !== null && longitude !== null;
      if (!located && (doc.latitude !== undefined || doc.longitude !== undefined)) {
        this.f.warn(
          id,
          'latitude',
          `${JSON.stringify(doc.latitude)}, ${JSON.stringify(doc.longitude)} is not a WGS 84 position; loaded without coordinates (not findable by distance)`,
        );
      }
      const schedules = objects(doc.schedules) as HsdsSchedule[];
      const mapped = scheduleFromHsds(schedules.length > 0 ? schedules : fallbackSchedules);
      for (const d of mapped.dropped) this.f.warn(id, d.field, d.reason);
      const zoneAttribute = objects(doc.attributes).find(
        (a) => a.taxonomy_term_id === HUB_TERMS.timeZone.id,
      );
      const zone =
        typeof zoneAttribute?.value === 'string' && validZone(zoneAttribute.value)
          ? zoneAttribute.value
          : this.options.timeZone;
      const addresses = objects(doc.addresses);
      const location: HubLocation = {
        id,
        organizationId,
        name:
          text(doc, 'name', this.f, id) ??
          text(addresses[0] ?? {}, 'address_1', this.f, id) ??
          'Location',
        description: text(doc, 'description', this.f, id),
        address: physicalAddress(addresses, id, this.f),
        latitude: located ? latitude : null,
        longitude: located ? longitude : null,
        timeZone: zone,
        accessibility: accessibilityText(objects(doc.accessibility)),
        transitNotes: text(doc, 'transportation', this.f, id),
        schedule: mapped.schedule,
        hsds: null,
      };
      const kept = extras(doc, LOCATION_MAPPED);
      if (kept && Array.isArray(kept.attributes)) {
        const theirs = objects(kept.attributes).filter((a) => !isHubAttribute(a));
        if (theirs.length > 0) kept.attributes = theirs;
        else delete kept.attributes;
      }
      location.hsds = withoutDerived(kept, locationToHsds(location));
      this.unit.locations.push(location);
      return id;
    });
  }

  service(doc: Doc, fallbackOrganizationId: string | null): string | null {
    return this.record(doc, 'service', () => {
      const id = idOf(doc, this.f, 'service');
      const name = requiredText(doc, 'name', this.f, id);
      const statusText = text(doc, 'status', this.f, id)?.toLowerCase();
      const status = statusText === undefined ? 'ACTIVE' : STATUS[statusText];
      if (!status)
        throw new RecordError(
          'status',
          `must be active, inactive, defunct or temporarily closed, got ${JSON.stringify(doc.status)}`,
        );
      const minimumAge = age(doc, 'minimum_age');
      const maximumAge = age(doc, 'maximum_age');
      if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge)
        throw new RecordError('minimum_age', `${minimumAge} is above maximum_age ${maximumAge}`);
      let organizationId = isObject(doc.organization)
        ? this.organizationInService(doc.organization)
        : null;
      organizationId ??= refId(doc.organization_id, 'organization') ?? fallbackOrganizationId;
      if (!organizationId)
        throw new RecordError(
          'organization_id',
          'a service needs its organization (organization or organization_id)',
        );
      const resource: HubResource = {
        id,
        organizationId,
        name,
        status,
        minimumAge,
        maximumAge,
        alternateName: text(doc, 'alternate_name', this.f, id),
        description: text(doc, 'description', this.f, id),
        url: text(doc, 'url', this.f, id),
        email: text(doc, 'email', this.f, id),
        phone: firstPhone(doc),
        categoryIds: [],
        populations: [],
        insurance: [],
        languages: [],
        eligibilityDescription: text(doc, 'eligibility_description', this.f, id),
        feesDescription: text(doc, 'fees_description', this.f, id),
        applicationProcess: text(doc, 'application_process', this.f, id),
        requiredDocuments: objects(doc.required_documents)
          .map((d) => (typeof d.document === 'string' ? d.document.trim() : ''))
          .filter(Boolean),
        acceptsReferrals: false,
        capacity: null,
        lastVerifiedAt: null,
        lastVerifiedBy: text(doc, 'assurer_email', this.f, id),
        locationIds: [],
        hsds: extras(doc, SERVICE_MAPPED),
      };
      const assured = text(doc, 'assured_date', this.f, id);
      if (assured && /^\d{4}-\d{2}-\d{2}$/.test(assured))
        resource.lastVerifiedAt = `${assured}T00:00:00.000Z`;
      const modified = text(doc, 'last_modified', this.f, id);
      if (modified !== null && modified !== undefined) {
        if (Number.isNaN(Date.parse(modified)))
          this.f.warn(
            id,
            'last_modified',
            `${JSON.stringify(modified)} is not a date-time; left out`,
          );
        else resource.sourceModifiedAt = new Date(modified).toISOString();
      }
      this.languages(doc, resource);
      const said = this.attributes(doc, resource);
      const defaults = this.options.defaults;
      if (defaults) {
        if (!said.acceptsReferrals && defaults.acceptsReferrals !== undefined)
          resource.acceptsReferrals = defaults.acceptsReferrals;
        if (resource.populations.length === 0)
          resource.populations = [...(defaults.populations ?? [])];
        if (resource.insurance.length === 0) resource.insurance = [...(defaults.insurance ?? [])];
      }
      if (!resource.categoryIds.some(isOurCategory))
        this.f.warn(
          id,
          'categories',
          resource.categoryIds.length === 0
            ? 'no category: the listing is invisible to every category filter'
            : 'none of its terms maps to a category of ours: the listing is invisible to every category filter',
        );
      const serviceSchedules = objects(doc.schedules) as HsdsSchedule[];
      const kept: Doc[] = [];
      for (const sal of objects(doc.service_at_locations)) {
        const { location, attributes: salAttributes, ...rest } = sal;
        // A site's count travels as an attribute of its link; read by siteCapacities, not kept.
        const others = objects(salAttributes).filter(
          (a) => a.taxonomy_term_id !== HUB_TERMS.capacity.id,
        );
        if (others.length > 0) rest.attributes = others;
        const salSchedules = objects(sal.schedules) as HsdsSchedule[];
        const locationId = isObject(location)
          ? this.location(
              location,
              organizationId,
              salSchedules.length > 0 ? salSchedules : serviceSchedules,
            )
          : refId(sal.location_id, 'location');
        if (!locationId) continue;
        if (!resource.locationIds.includes(locationId)) resource.locationIds.push(locationId);
        // Kept when it says more than the link, or names the link with an id of the feed's own.
        const ownId = typeof rest.id === 'string' && rest.id !== uuidFor(id, 'at', locationId);
        if (
          ownId ||
          Object.keys(rest).some((k) => !['id', 'service_id', 'location_id'].includes(k))
        )
          kept.push({ ...rest, location_id: locationId });
      }
      if (kept.length > 0) resource.hsds = { ...(resource.hsds ?? {}), service_at_locations: kept };
      this.siteCapacities(doc, resource);
      resource.hsds = withoutDerived(resource.hsds, {
        phones: phones('service_id', id, resource.phone, undefined),
        languages: languages(resource, undefined),
        required_documents: requiredDocuments(resource, undefined),
      });
      this.unit.resources.push(resource);
      return id;
    });
  }

  private organizationInService(doc: Doc): string {
    const id = this.organization(doc);
    if (!id)
      throw new RecordError(
        'organization',
        'the nested organization could not be read (see above)',
      );
    return id;
  }

  private languages(doc: Doc, r: HubResource): void {
    for (const language of objects(doc.languages)) {
      const code = languageCode(language);
      if (!code)
        this.f.warn(
          r.id,
          'languages',
          `${JSON.stringify(language.code ?? language.name)} is not a language we know; left out`,
        );
      else if (!r.languages.includes(code)) r.languages.push(code);
    }
  }

  /**
   * HSDS 3.1 `capacities` (service_capacity), each tied to one of the listing's sites by
   * `location_id` or `service_at_location_id`: they become the sites' counts, and the listing's
   * capacity their total. A count for a site the listing is not offered at is left out, with a warning.
   */
  private siteCapacities(doc: Doc, r: HubResource): void {
    const salLocation = new Map<string, string>();
    const given: { field: string; c: Doc; locationId?: string | null }[] = objects(
      doc.capacities,
    ).map((c, index) => ({ field: `capacities[${index}]`, c }));
    for (const [index, sal] of objects(doc.service_at_locations).entries()) {
      const locationId = refId(
        isObject(sal.location) ? sal.location.id : sal.location_id,
        'location',
      );
      if (typeof sal.id === 'string' && locationId) salLocation.set(sal.id, locationId);
      for (const a of objects(sal.attributes)) {
        if (a.taxonomy_term_id !== HUB_TERMS.capacity.id) continue;
        const field = `service_at_locations[${index}].attributes.capacity`;
        const c = typeof a.value === 'string' ? parseJson(a.value) : undefined;
        if (isObject(c)) given.push({ field, c, locationId });
        else this.f.warn(r.id, field, 'is not a service_capacity in JSON; left out');
      }
    }
    if (given.length === 0) return;
    const sites: HubSiteCapacity[] = [];
    for (const { field, c, locationId: at } of given) {
      const locationId =
        at ??
        refId(c.location_id, 'location') ??
        (typeof c.service_at_location_id === 'string'
          ? salLocation.get(c.service_at_location_id)
          : undefined);
      if (!locationId || !r.locationIds.includes(locationId)) {
        this.f.warn(
          r.id,
          `${field}.location_id`,
          'names no site this listing is offered at (service_at_locations); left out',
        );
        continue;
      }
      const unit = isObject(c.unit) ? c.unit.name : c.unit;
      if (typeof unit !== 'string' || !unit.trim() || !Number.isInteger(c.available)) {
        this.f.warn(r.id, field, 'needs a unit and a whole number available; left out');
        continue;
      }
      if ((c.available as number) < 0) {
        this.f.warn(r.id, `${field}.available`, 'cannot be negative; left out');
        continue;
      }
      if (sites.some((s) => s.locationId === locationId)) {
        this.f.warn(r.id, field, 'a second count for the same site; left out');
        continue;
      }
      const updated =
        typeof c.updated === 'string' && !Number.isNaN(Date.parse(c.updated))
          ? new Date(c.updated).toISOString()
          : new Date(0).toISOString();
      sites.push({
        id: isUuid(c.id) ? c.id.toLowerCase() : uuidFor(r.id, 'capacity', locationId),
        locationId,
        unit: unit.trim(),
        available: c.available as number,
        maximum: Number.isInteger(c.maximum) ? (c.maximum as number) : null,
        updatedAt: updated,
      });
    }
    if (sites.length === 0) return;
    r.siteCapacities = sites;
    const maxima = sites.flatMap((s) => (s.maximum === null ? [] : [s.maximum]));
    r.capacity = {
      unit: sites[0].unit,
      available: sites.reduce((sum, s) => sum + s.available, 0),
      maximum: maxima.length > 0 ? maxima.reduce((sum, m) => sum + m, 0) : null,
      updatedAt: sites
        .map((s) => s.updatedAt)
        .sort()
        .at(-1)!,
    };
  }

  /** Reads the attributes into the listing; says whether they named its referral setting. */
  private attributes(doc: Doc, r: HubResource): { acceptsReferrals: boolean } {
    const said = { acceptsReferrals: false };
    const others: Doc[] = [];
    for (const [index, a] of objects(doc.attributes).entries()) {
      const termId = typeof a.taxonomy_term_id === 'string' ? a.taxonomy_term_id : '';
      const term = isObject(a.taxonomy_term)
        ? (a.taxonomy_term as HsdsTerm)
        : (this.options.terms?.get(termId) ?? hubTerms().get(termId) ?? null);
      if (!term) {
        others.push(a);
        continue;
      }
      if (!isHubTerm(term)) {
        const mapped = this.crosswalk.map(term);
        if (mapped?.categoryId) {
          // Ours for search and filters; the source's own term stays on the record for exports.
          if (!r.categoryIds.includes(mapped.categoryId)) r.categoryIds.push(mapped.categoryId);
          others.push(a);
          continue;
        }
        const code =
          mapped?.code ?? (typeof term.code === 'string' && term.code ? term.code : termId);
        const name = typeof term.name === 'string' ? term.name : '';
        const source =
          mapped?.source ??
          (typeof term.taxonomy === 'string' ? term.taxonomy : 'unknown taxonomy');
        this.f.unmapped.push({ source, code, name });
        this.f.warn(
          r.id,
          `attributes[${index}].taxonomy_term`,
          `${source} term ${JSON.stringify(code)}${name && name !== code ? ` (${name})` : ''} is not in a crosswalk to our categories; kept as an imported term`,
        );
        const categoryId = this.term(term);
        if (categoryId && !r.categoryIds.includes(categoryId)) r.categoryIds.push(categoryId);
        continue;
      }
      if (term.code === HUB_CODES.acceptsReferrals) said.acceptsReferrals = true;
      this.hubAttribute(term, typeof a.value === 'string' ? a.value : '', r);
    }
    if (others.length > 0) r.hsds = { ...(r.hsds ?? {}), attributes: others };
    else if (r.hsds) delete r.hsds.attributes;
    return said;
  }

  private hubAttribute(term: HsdsTerm, value: string, r: HubResource): void {
    const f = this.f;
    const code = term.code ?? '';
    if (code.startsWith(HUB_CODES.population)) {
      const p = code.slice(HUB_CODES.population.length);
      if (POPULATIONS.has(p)) r.populations.push(p);
      else f.warn(r.id, 'attributes', `unknown population ${p}; left out`);
    } else if (code.startsWith(HUB_CODES.insurance)) {
      const i = code.slice(HUB_CODES.insurance.length);
      if (INSURANCE.has(i)) r.insurance.push(i);
      else f.warn(r.id, 'attributes', `unknown insurance ${i}; left out`);
    } else if (code === HUB_CODES.acceptsReferrals) {
      r.acceptsReferrals = value === 'true';
    } else if (code === HUB_CODES.capacity) {
      r.capacity = parseCapacity(value);
      if (!r.capacity)
        f.warn(
          r.id,
          'attributes.capacity',
          'value must be JSON {unit, available, maximum, updatedAt}; left out',
        );
    } else if (code === HUB_CODES.verified) {
      const v = parseJson(value);
      if (isObject(v) && typeof v.at === 'string' && !Number.isNaN(Date.parse(v.at))) {
        r.lastVerifiedAt = new Date(v.at).toISOString();
        r.lastVerifiedBy = typeof v.by === 'string' ? v.by : null;
      }
    } else if (code !== HUB_CODES.timeZone && code !== '') {
      const categoryId = this.term(term);
      if (categoryId && !r.categoryIds.includes(categoryId)) r.categoryIds.push(categoryId);
    }
  }
}

function refText(v: unknown): string | null {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

function isHubAttribute(a: Doc): boolean {
  const term = isObject(a.taxonomy_term) ? (a.taxonomy_term as HsdsTerm) : undefined;
  return term
    ? isHubTerm(term)
    : typeof a.taxonomy_term_id === 'string' && hubTerms().has(a.taxonomy_term_id);
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function parseCapacity(value: string): HubCapacity | null {
  const v = parseJson(value);
  if (
    !isObject(v) ||
    typeof v.unit !== 'string' ||
    !Number.isInteger(v.available) ||
    (v.available as number) < 0
  )
    return null;
  const maximum = Number.isInteger(v.maximum) ? (v.maximum as number) : null;
  const updatedAt =
    typeof v.updatedAt === 'string' && !Number.isNaN(Date.parse(v.updatedAt))
      ? new Date(v.updatedAt).toISOString()
      : new Date(0).toISOString();
  return { unit: v.unit, available: v.available as number, maximum, updatedAt };
}

function firstPhone(doc: Doc): string | null {
  const number = objects(doc.phones)[0]?.number;
  if (typeof number !== 'string' && typeof number !== 'number') return null;
  const n = String(number)
    .trim()
    .replace(/^"+|"+$/g, '')
    .trim();
  return n === '' ? null : n;
}

function accessibilityText(items: Doc[]): string | null {
  const first = items[0];
  const d =
    typeof first?.description === 'string' && first.description.trim() !== ''
      ? first.description
      : first?.details;
  return typeof d === 'string' && d.trim() !== '' ? d.trim() : null;
}

function physicalAddress(addresses: Doc[], locationId: string, f: Findings): HubAddress | null {
  const a =
    addresses.find((x) => x.address_type === 'physical') ??
    addresses.find((x) => x.address_type === undefined);
  if (!a) return null;
  const s = (k: string) =>
    typeof a[k] === 'string' && a[k].trim() !== ''
      ? a[k].trim()
      : typeof a[k] === 'number'
        ? String(a[k])
        : null;
  const [address1, city, stateProvince, postalCode, country] = [
    'address_1',
    'city',
    'state_province',
    'postal_code',
    'country',
  ].map(s);
  if (!address1 || !city || !stateProvince || !postalCode || !country) {
    f.warn(
      locationId,
      'addresses',
      'the physical address lacks address_1, city, state_province, postal_code or country; kept as imported, not as the location address',
    );
    return null;
  }
  return {
    address1,
    address2: s('address_2'),
    city,
    region: s('region'),
    stateProvince,
    postalCode,
    country: country.toUpperCase(),
  };
}
