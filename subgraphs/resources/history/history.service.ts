import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { actingRole, canEditOrganization } from '../access';
import { ChangeRecord } from './change-record.entity';

export type Snapshot = Record<string, unknown>;

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A listing or a location: what its history is read by, and who owns it. */
export interface HistoryOwner {
  id: string;
  organization: { id: string };
}

export const MAX_HISTORY_ROWS = 500;

export interface ChangeSubject {
  entityType: 'Organization' | 'Resource' | 'Location';
  entityId: string;
  resourceId?: string | null;
  /** The site of the listing the change is about (its capacity there), if one. */
  locationId?: string | null;
}

/**
 * Records field-by-field what changed between two snapshots of a listing, in the caller's unit of
 * work, so the change and its history are written in one transaction or not at all.
 */
export class HistoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly requestId: string,
  ) {}

  record(subject: ChangeSubject, before: Snapshot, after: Snapshot, at = new Date()): number {
    let count = 0;
    for (const field of Object.keys(after)) {
      const oldValue = normalize(before[field]);
      const newValue = normalize(after[field]);
      if (same(oldValue, newValue)) continue;
      this.em.persist(
        this.em.create(ChangeRecord, {
          entityType: subject.entityType,
          entityId: subject.entityId,
          resourceId: subject.resourceId ?? null,
          locationId: subject.locationId ?? null,
          field,
          oldValue,
          newValue,
          changedBy: this.identity.sub ?? 'system',
          changedByRole: actingRole(this.identity),
          changedAt: at,
          requestId: this.requestId,
        }),
      );
      count += 1;
    }
    return count;
  }

  /** A listing's changes, newest first: only its organization's partners and admins may read them. */
  async forResource(resource: HistoryOwner, first: number): Promise<ChangeRecord[]> {
    this.assertCanRead(resource, "a listing's history");
    // A listing merged into this one brings its history along.
    const merged = await this.em
      .getConnection()
      .execute<{ id: string }[]>('select id from resource where merged_into = ?', [resource.id]);
    return this.em.find(
      ChangeRecord,
      { resourceId: { $in: [resource.id, ...merged.map((m) => m.id)] } },
      { orderBy: { changedAt: 'desc', id: 'desc' }, limit: clamp(first) },
    );
  }

  /** A location's changes, newest first: only its organization's partners and admins may read them. */
  async forLocation(location: HistoryOwner, first: number): Promise<ChangeRecord[]> {
    this.assertCanRead(location, "a location's history");
    return this.em.find(
      ChangeRecord,
      { entityId: location.id },
      { orderBy: { changedAt: 'desc', id: 'desc' }, limit: clamp(first) },
    );
  }

  private assertCanRead(owner: HistoryOwner, what: string): void {
    if (!canEditOrganization(this.identity, owner.organization.id)) {
      throw new ForbiddenError(`Only this organization's partners and admins may read ${what}.`);
    }
  }
}

function clamp(first: number): number {
  return Math.min(Math.max(first, 1), MAX_HISTORY_ROWS);
}
