import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, NotFoundError } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { assertCanEditOrganization } from '../access';
import type { HistoryService, Snapshot } from '../history/history.service';
import { Organization } from '../organization/organization.entity';
import { isUuid } from '../../kit/ids';
import { assertVersion, flushOrConflict } from '../../kit/orm-errors';
import { Resource } from '../resource/resource.entity';
import { Address } from './address.entity';
import type { ScheduleInput, UpsertLocationInput } from './location.inputs';
import { Location } from './location.entity';
import { ScheduleError, validateSchedule, type Schedule } from './schedule';

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

function snapshotLocation(l: Location): Snapshot {
  return {
    name: l.name,
    description: l.description,
    address: l.address ? { ...l.address } : null,
    latitude: l.latitude,
    longitude: l.longitude,
    timeZone: l.timeZone,
    accessibility: l.accessibility,
    transitNotes: l.transitNotes,
    schedule: l.schedule,
    resourceIds: l.resources.isInitialized()
      ? l.resources.getIdentifiers<string>().sort()
      : undefined,
  };
}

/** A schedule as stored: checked, with only the fields we keep. */
export function scheduleFrom(input: ScheduleInput, field: string): Schedule {
  const schedule: Schedule = {
    weekly: input.weekly.map(({ day, opensAt, closesAt }) => ({ day, opensAt, closesAt })),
    closures: (input.closures ?? []).map(({ date, opensAt, closesAt, note }) => ({
      date,
      opensAt: opensAt ?? null,
      closesAt: closesAt ?? null,
      note: note ?? null,
    })),
  };
  try {
    validateSchedule(schedule);
  } catch (error) {
    if (error instanceof ScheduleError) {
      const problem = error.message.startsWith(`${error.field}: `)
        ? error.message.slice(error.field.length + 2)
        : error.message;
      throw new BadUserInputError(problem, `${field}.${error.field}`);
    }
    throw error;
  }
  return schedule;
}

export class LocationService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly history: HistoryService,
  ) {}

  async get(id: string): Promise<Location> {
    const location = isUuid(id) ? await this.em.findOne(Location, id) : null;
    if (!location) throw new NotFoundError('Location', id);
    return location;
  }

  async upsert(input: UpsertLocationInput): Promise<Location> {
    const location = input.id
      ? await this.forChange(input.id, input.expectedVersion)
      : await this.forCreate(input);
    const before = input.id ? snapshotLocation(location) : {};
    this.apply(location, input);
    if (input.resourceIds !== undefined && input.resourceIds !== null) {
      await this.setResources(location, input.resourceIds);
    }
    this.record(location, before);
    await flushOrConflict(this.em.persist(location), 'This location');
    return location;
  }

  async setSchedule(id: string, expectedVersion: number, input: ScheduleInput): Promise<Location> {
    const location = await this.forChange(id, expectedVersion);
    const before = snapshotLocation(location);
    location.schedule = scheduleFrom(input, 'schedule');
    this.record(location, before);
    await flushOrConflict(this.em, 'This location');
    return location;
  }

  private record(location: Location, before: Snapshot): void {
    const subject = { entityType: 'Location', entityId: location.id } as const;
    const changed = this.history.record(subject, before, snapshotLocation(location));
    // Links live in resource_location; touching the row makes a links-only edit bump the version too.
    if (changed > 0) location.updatedAt = new Date();
  }

  private async forChange(
    id: string,
    expectedVersion: number | null | undefined,
  ): Promise<Location> {
    const location = await this.get(id);
    assertCanEditOrganization(this.identity, location.organization.id);
    if (expectedVersion === null || expectedVersion === undefined) {
      throw new BadUserInputError('is required when changing a location', 'expectedVersion');
    }
    assertVersion('This location', location.version, expectedVersion);
    await location.resources.init();
    return location;
  }

  private async forCreate(input: UpsertLocationInput): Promise<Location> {
    if (!input.organizationId)
      throw new BadUserInputError('is required to create a location', 'organizationId');
    assertCanEditOrganization(this.identity, input.organizationId);
    const organization = await this.em.findOne(Organization, input.organizationId);
    if (!organization) throw new BadUserInputError('no organization has this id', 'organizationId');
    if (!input.name) throw new BadUserInputError('is required to create a location', 'name');
    return this.em.create(Location, {
      organization,
      name: input.name,
      timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    });
  }

  private apply(location: Location, input: UpsertLocationInput): void {
    if (input.name !== undefined && input.name !== null) location.name = input.name.trim();
    for (const key of ['description', 'accessibility', 'transitNotes'] as const) {
      const value = input[key];
      if (value !== undefined)
        location[key] = value === null || value.trim() === '' ? null : value.trim();
    }
    if (input.timeZone) location.timeZone = input.timeZone;
    if (input.address !== undefined) {
      location.address = input.address ? Object.assign(new Address(), { ...input.address }) : null;
    }
    if (input.latitude !== undefined) location.latitude = input.latitude;
    if (input.longitude !== undefined) location.longitude = input.longitude;
    const hasLat = location.latitude !== null && location.latitude !== undefined;
    const hasLng = location.longitude !== null && location.longitude !== undefined;
    if (hasLat !== hasLng) {
      throw new BadUserInputError(
        'latitude and longitude go together: give both or neither',
        hasLat ? 'longitude' : 'latitude',
      );
    }
    if (input.schedule) location.schedule = scheduleFrom(input.schedule, 'schedule');
  }

  private async setResources(location: Location, ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const resources = unique.length ? await this.em.find(Resource, { id: { $in: unique } }) : [];
    for (const id of unique) {
      const resource = resources.find((r) => r.id === id);
      if (!resource || resource.organization.id !== location.organization.id) {
        throw new BadUserInputError(
          `no resource ${JSON.stringify(id)} belongs to this organization`,
          'resourceIds',
        );
      }
    }
    if (!location.resources.isInitialized()) await location.resources.init();
    // Resource owns the link table, so the change is made on each resource's side.
    const current = location.resources.getItems();
    await this.em.populate([...current, ...resources], ['locations']);
    for (const resource of current) {
      if (!unique.includes(resource.id)) resource.locations.remove(location);
    }
    for (const resource of resources) {
      if (!resource.locations.contains(location)) resource.locations.add(location);
    }
  }
}
