import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../kit/identity';
import { actingRole } from '../access';
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

export interface ChangeSubject {
  entityType: 'Organization' | 'Resource' | 'Location';
  entityId: string;
  resourceId?: string | null;
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

  async forResource(resourceId: string, limit: number): Promise<ChangeRecord[]> {
    return this.em.find(
      ChangeRecord,
      { resourceId },
      { orderBy: { changedAt: 'desc', id: 'desc' }, limit },
    );
  }

  async forEntity(entityId: string, limit: number): Promise<ChangeRecord[]> {
    return this.em.find(
      ChangeRecord,
      { entityId },
      { orderBy: { changedAt: 'desc', id: 'desc' }, limit },
    );
  }
}
