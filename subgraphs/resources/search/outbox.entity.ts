import { BigIntType, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type OutboxKind = 'resource' | 'location' | 'organization' | 'all';

/** A listing changed: its search documents must be rebuilt (written in the change's transaction). */
@Entity({ tableName: 'search_outbox' })
export class SearchOutboxEvent {
  [OptionalProps]?: 'createdAt' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'entityId';

  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  kind!: OutboxKind;

  @Property({ type: 'uuid', nullable: true })
  entityId?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'int' })
  attempts: number = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}
