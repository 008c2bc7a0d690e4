import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A partner system's credential: its organization and scopes; only the key's SHA-256 is kept. */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  [OptionalProps]?: 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', hidden: true })
  keyHash!: string;

  /** The key's first characters, to tell keys apart in a list (not enough to use one). */
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text[]' })
  scopes!: string[];

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null = null;
}
