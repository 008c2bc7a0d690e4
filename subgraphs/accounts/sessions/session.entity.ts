import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A signed-in browser. The cookie holds a random secret; only its SHA-256 is stored, so a copy of
 * this table signs no one in.
 */
@Entity({ tableName: 'session' })
export class Session {
  [OptionalProps]?: 'id' | 'createdAt' | 'lastSeenAt' | 'revokedAt' | 'address' | 'userAgent';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', hidden: true })
  tokenHash!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** Moves with use; the session ends when it is older than the idle lifetime. */
  @Property({ type: 'timestamptz' })
  lastSeenAt: Date = new Date();

  /** The absolute end, however much it is used. */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  address?: string | null = null;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null = null;
}
