import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, NotFoundError } from '../../kit/errors';
import { hasRole, isAdmin, SERVICE_ROLE, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { assertVersion, flushOrConflict } from '../../kit/orm-errors';
import { afterKey, emptyPage, keysetPage, type Page } from '../../kit/pagination';
import { assertCanEditOrganization, canEditOrganization } from '../access';
import type { CategoryService } from '../category/category.service';
import type { HistoryService, Snapshot } from '../history/history.service';
import { Location } from '../location/location.entity';
import { Organization } from '../organization/organization.entity';
import { Capacity } from './capacity.entity';
import { firstSite, totalCapacity } from './site-capacity';
import { SiteCapacity } from './site-capacity.entity';
import { canonicalLanguages } from '../language/languages';
import { isListed, PUBLIC_STATUSES, ResourceStatus } from './resource.enums';
import { Resource } from './resource.entity';
import type {
  CapacityInput,
  CreateResourceInput,
  ResourceFieldsInput,
  ResourceFilter,
  UpdateResourceInput,
} from './resource.inputs';

/** What a listing's history compares: the fields people read and edit. */
export function snapshotResource(r: Resource): Snapshot {
  return {
    name: r.name,
    alternateName: r.alternateName,
    description: r.description,
    url: r.url,
    email: r.email,
    phone: r.phone,
    status: r.status,
    categories: r.categoryIds,
    populations: r.populations,
    insurance: r.insurance,
    languages: r.languages,
    minimumAge: r.minimumAge,
    maximumAge: r.maximumAge,
    eligibilityDescription: r.eligibilityDescription,
    feesDescription: r.feesDescription,
    applicationProcess: r.applicationProcess,
    requiredDocuments: r.requiredDocuments,
    acceptsReferrals: r.acceptsReferrals,
    'capacity.unit': r.capacity?.unit,
    'capacity.available': r.capacity?.available,
    'capacity.maximum': r.capacity?.maximum,
    locationIds: r.locations.isInitialized()
      ? r.locations.getIdentifiers<string>().sort()
      : undefined,
    lastVerifiedAt: r.lastVerifiedAt,
    lastVerifiedBy: r.lastVerifiedBy,
  };
}

/** What a site's count history compares. */
function capacitySnapshot(c: Capacity | null | undefined): Snapshot {
  return {
    'capacity.unit': c?.unit,
    'capacity.available': c?.available,
    'capacity.maximum': c?.maximum,
  };
}

/** Keyset pages over (name, id): stable under inserts, one indexed range scan per page. */
export function namePage<T extends { name: string; id: string }>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<T>> {
  return keysetPage({
    first,
    after,
    cursorField: 'name',
    sortValue: (row) => row.name,
    rows: (cursor, limit) =>
      em.find(
        entity,
        {
          $and: [where, cursor ? afterKey<T>('name', cursor.value, cursor.id, 'asc') : {}],
        },
        {
          orderBy: { name: 'asc', id: 'asc' } as QueryOrderMap<T>,
          limit,
        },
      ),
    count: () => em.count(entity, where),
  });
}

export class ResourceService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly categories: CategoryService,
    private readonly history: HistoryService,
  ) {}

  /** Which listings the caller may read: public ones, plus everything of their own organization. */
  visibleWhere(): FilterQuery<Resource> {
    if (isAdmin(this.identity)) return {};
    const published = { status: { $in: [...PUBLIC_STATUSES] } };
    // An org claim that is not a uuid names no organization, and Postgres would refuse it as a uuid.
    if (this.identity.org && isUuid(this.identity.org) && this.identity.roles.includes('partner')) {
      return { $or: [published, { organization: this.identity.org }] };
    }
    return published;
  }

  isVisible(resource: Resource): boolean {
    return isListed(resource) || canEditOrganization(this.identity, resource.organization.id);
  }

  /**
   * What a reference another subgraph holds (a saved list, a referral) resolves to: the listing
   * when the reader may see it, as resource(id) would, and nothing otherwise, so an unpublished
   * listing's name and description never reach a reader through a bookmark. A subgraph asking as a
   * service (referrals checking a referral's target, peers checking a saved listing) gets every
   * listing: it needs "inactive" rather than "not found", and it shows no person what it reads.
   */
  referenced(resource: Resource | null): Resource | null {
    if (!resource) return null;
    return this.isVisible(resource) || hasRole(this.identity, SERVICE_ROLE) ? resource : null;
  }

  async get(id: string): Promise<Resource> {
    const found = isUuid(id) ? await this.em.findOne(Resource, id) : null;
    // A merged listing's id answers with the listing it was merged into.
    const resource = found?.mergedInto ? await this.em.findOne(Resource, found.mergedInto) : found;
    if (!resource || !this.isVisible(resource)) throw new NotFoundError('Resource', id);
    return resource;
  }

  async list(filter: ResourceFilter | undefined, first?: number | null, after?: string | null) {
    const where: FilterQuery<Resource>[] = [this.visibleWhere()];
    if (filter?.categories?.length) {
      const ids = await this.categories.expand(filter.categories, 'filter.categories');
      where.push({ categoryIds: { $overlap: ids } });
    }
    if (filter?.organizationId) {
      if (!isUuid(filter.organizationId)) return emptyPage<Resource>();
      where.push({ organization: filter.organizationId });
    }
    if (filter?.status?.length) where.push({ status: { $in: filter.status } });
    if (filter?.acceptsReferrals !== undefined && filter.acceptsReferrals !== null) {
      where.push({ acceptsReferrals: filter.acceptsReferrals });
    }
    return namePage(this.em, Resource, { $and: where }, first, after);
  }

  async create(input: CreateResourceInput): Promise<Resource> {
    assertCanEditOrganization(this.identity, input.organizationId);
    const organization = await this.em.findOne(Organization, input.organizationId);
    if (!organization) throw new BadUserInputError('no organization has this id', 'organizationId');
    const resource = this.em.create(Resource, {
      organization,
      name: input.name.trim(),
      status: input.status ?? ResourceStatus.ACTIVE,
    });
    await this.applyFields(resource, input);
    if (input.capacity) this.setNewListingCapacity(resource, input.capacity);
    this.history.record(
      { entityType: 'Resource', entityId: resource.id, resourceId: resource.id },
      {},
      snapshotResource(resource),
    );
    await this.em.persist(resource).flush();
    return resource;
  }

  async update(id: string, expectedVersion: number, input: UpdateResourceInput): Promise<Resource> {
    return this.change(id, expectedVersion, async (resource) => {
      if (input.name === null) throw new BadUserInputError('cannot be cleared', 'input.name');
      if (input.name !== undefined) resource.name = input.name.trim();
      await this.applyFields(resource, input);
    });
  }

  async setStatus(id: string, status: ResourceStatus, expectedVersion?: number | null) {
    return this.change(id, expectedVersion, (resource) => {
      resource.status = status;
    });
  }

  /**
   * Sets the open capacity at one site of the listing (`locationId`; it may be left out when the
   * listing has exactly one site), or of a listing offered at no place. The listing's capacity
   * becomes the total of its sites; the history records the change at that site.
   */
  async updateCapacity(
    id: string,
    input: CapacityInput,
    locationId?: string | null,
    expectedVersion?: number | null,
  ) {
    const resource = await this.editable(id, expectedVersion);
    const sites = resource.locations.getItems();
    if (sites.length === 0) {
      if (locationId)
        throw new BadUserInputError('this listing is offered at no location', 'locationId');
      const before = snapshotResource(resource);
      resource.capacity = this.capacityFrom(input, resource.capacity ?? undefined, 'capacity');
      this.history.record(
        { entityType: 'Resource', entityId: resource.id, resourceId: resource.id },
        before,
        snapshotResource(resource),
      );
    } else {
      const site = this.siteOf(sites, locationId);
      const rows = await this.em.find(SiteCapacity, { resource: resource.id });
      const row = rows.find((r) => r.location.id === site.id);
      const current = row?.capacity ?? this.unitOnly(resource.capacity);
      const next = this.capacityFrom(input, current, 'capacity');
      this.history.record(
        {
          entityType: 'Resource',
          entityId: resource.id,
          resourceId: resource.id,
          locationId: site.id,
        },
        capacitySnapshot(row?.capacity),
        capacitySnapshot(next),
      );
      if (row) row.capacity = next;
      else rows.push(this.em.create(SiteCapacity, { resource, location: site, capacity: next }));
      resource.capacity = this.siteTotal(sites, rows);
    }
    // A re-confirmed count changes no history field, but its fresh updatedAt must be stored, and
    // it bumps the listing's version like any other edit.
    resource.updatedAt = new Date();
    await flushOrConflict(this.em, 'This listing');
    return resource;
  }

  /** The site named (one the listing is offered at), or its only site when none is named. */
  private siteOf(sites: Location[], locationId: string | null | undefined): Location {
    if (locationId === null || locationId === undefined) {
      if (sites.length === 1) return sites[0];
      throw new BadUserInputError(
        `this listing is offered at ${sites.length} locations: say which one`,
        'locationId',
      );
    }
    const site = sites.find((l) => l.id === locationId);
    if (!site)
      throw new BadUserInputError(
        `this listing is not offered at location ${JSON.stringify(locationId)}`,
        'locationId',
      );
    return site;
  }

  /** The listing's total over its sites' counts, in site order (the first site's unit). */
  private siteTotal(sites: Location[], rows: SiteCapacity[]): Capacity | null {
    const order = new Map(sites.map((l) => [l.id, l]));
    const first = firstSite(sites);
    const sorted = [...rows].sort((a, b) =>
      a.location.id === first?.id ? -1 : b.location.id === first?.id ? 1 : 0,
    );
    return totalCapacity(sorted.filter((r) => order.has(r.location.id)).map((r) => r.capacity));
  }

  /** A new site count takes the listing's unit when it names none. */
  private unitOnly(capacity: Capacity | null | undefined): Capacity | undefined {
    if (!capacity) return undefined;
    const unit = new Capacity();
    unit.unit = capacity.unit;
    unit.maximum = null;
    return unit;
  }

  /** createResource's capacity: the listing's own, or its only site's; several sites are each set. */
  private setNewListingCapacity(resource: Resource, input: CapacityInput): void {
    const capacity = this.capacityFrom(input, undefined, 'capacity');
    const sites = resource.locations.getItems();
    if (sites.length > 1)
      throw new BadUserInputError(
        `this listing is offered at ${sites.length} locations: set each one's count with updateCapacity`,
        'capacity',
      );
    if (sites.length === 1)
      this.em.persist(this.em.create(SiteCapacity, { resource, location: sites[0], capacity }));
    resource.capacity = capacity;
  }

  async verify(id: string, expectedVersion?: number | null) {
    return this.change(id, expectedVersion, (resource) => {
      resource.lastVerifiedAt = new Date();
      resource.lastVerifiedBy = this.identity.sub;
    });
  }

  /** Loads, checks the right and the version, applies, records the history, writes: all or nothing. */
  private async change(
    id: string,
    expectedVersion: number | null | undefined,
    apply: (resource: Resource) => void | Promise<void>,
  ): Promise<Resource> {
    const resource = await this.editable(id, expectedVersion);
    const before = snapshotResource(resource);
    await apply(resource);
    const changed = this.history.record(
      { entityType: 'Resource', entityId: resource.id, resourceId: resource.id },
      before,
      snapshotResource(resource),
    );
    if (changed > 0) {
      // Links live in resource_location; touching the row makes a links-only edit bump the version too.
      resource.updatedAt = new Date();
      await flushOrConflict(this.em, 'This listing');
    }
    return resource;
  }

  /** The listing with its sites, when the caller may edit it and knows its current version. */
  private async editable(id: string, expectedVersion: number | null | undefined) {
    const resource = isUuid(id)
      ? await this.em.findOne(Resource, id, { populate: ['locations'] })
      : null;
    if (!resource) throw new NotFoundError('Resource', id);
    if (!this.identity.sub || !canEditOrganization(this.identity, resource.organization.id)) {
      if (!this.isVisible(resource)) throw new NotFoundError('Resource', id);
      assertCanEditOrganization(this.identity, resource.organization.id);
    }
    assertVersion('This listing', resource.version, expectedVersion);
    return resource;
  }

  private async applyFields(resource: Resource, input: ResourceFieldsInput): Promise<void> {
    const text = [
      'alternateName',
      'description',
      'url',
      'email',
      'phone',
      'eligibilityDescription',
      'feesDescription',
      'applicationProcess',
    ] as const;
    for (const key of text) {
      const value = input[key];
      if (value !== undefined)
        resource[key] = value === null || value.trim() === '' ? null : value.trim();
    }
    if (input.categories !== undefined) {
      resource.categoryIds = await this.categories.validate(input.categories ?? [], 'categories');
    }
    if (input.populations !== undefined)
      resource.populations = [...new Set(input.populations ?? [])];
    if (input.insurance !== undefined) resource.insurance = [...new Set(input.insurance ?? [])];
    if (input.languages !== undefined)
      resource.languages = canonicalLanguages(input.languages ?? []);
    if (input.requiredDocuments !== undefined)
      resource.requiredDocuments = input.requiredDocuments ?? [];
    if (input.minimumAge !== undefined) resource.minimumAge = input.minimumAge;
    if (input.maximumAge !== undefined) resource.maximumAge = input.maximumAge;
    if (input.acceptsReferrals !== undefined && input.acceptsReferrals !== null) {
      resource.acceptsReferrals = input.acceptsReferrals;
    }
    if (
      resource.minimumAge !== null &&
      resource.minimumAge !== undefined &&
      resource.maximumAge !== null &&
      resource.maximumAge !== undefined &&
      resource.minimumAge > resource.maximumAge
    ) {
      throw new BadUserInputError('must not be more than maximumAge', 'minimumAge');
    }
    if (input.locationIds !== undefined) await this.setLocations(resource, input.locationIds ?? []);
  }

  private async setLocations(resource: Resource, ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const locations = unique.length ? await this.em.find(Location, { id: { $in: unique } }) : [];
    const organizationId = resource.organization.id;
    for (const id of unique) {
      const location = locations.find((l) => l.id === id);
      if (!location || location.organization.id !== organizationId) {
        throw new BadUserInputError(
          `no location ${JSON.stringify(id)} belongs to this organization`,
          'locationIds',
        );
      }
    }
    if (!resource.locations.isInitialized()) await resource.locations.init();
    resource.locations.set(locations);
    await this.keepSiteCounts(resource, locations);
  }

  /**
   * After the sites change: a site no longer offered takes its count away (the total follows); a
   * listing whose count had no site yet gives it to its first site, as the migration to site
   * counts did, so no count is lost; a listing left with no site keeps its last total.
   */
  private async keepSiteCounts(resource: Resource, sites: Location[]): Promise<void> {
    const rows = await this.em.find(SiteCapacity, { resource: resource.id });
    const kept = rows.filter((r) => sites.some((l) => l.id === r.location.id));
    for (const row of rows) if (!kept.includes(row)) this.em.remove(row);
    if (sites.length === 0) return;
    if (kept.length > 0) {
      resource.capacity = this.siteTotal(sites, kept);
      return;
    }
    const first = firstSite(sites);
    if (resource.capacity && first) {
      const capacity = Object.assign(new Capacity(), resource.capacity);
      this.em.persist(this.em.create(SiteCapacity, { resource, location: first, capacity }));
    }
  }

  private capacityFrom(
    input: CapacityInput,
    current: Capacity | undefined,
    field: string,
  ): Capacity {
    const capacity = new Capacity();
    capacity.unit = input.unit?.trim() || current?.unit || 'places';
    capacity.available = input.available;
    capacity.maximum = input.maximum === undefined ? (current?.maximum ?? null) : input.maximum;
    capacity.updatedAt = new Date();
    if (
      capacity.maximum !== null &&
      capacity.maximum !== undefined &&
      capacity.available > capacity.maximum
    ) {
      throw new BadUserInputError(
        `must not exceed maximum (${capacity.maximum})`,
        `${field}.available`,
      );
    }
    return capacity;
  }
}
