import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../../kit/identity';

export type UserStatus = 'ACTIVE' | 'DISABLED';

/** A person who signs in. The email is kept in lower case: one account per address, any case. */
@Entity({ tableName: 'account_user' })
export class User {
  [OptionalProps]?: 'id' | 'status' | 'passwordHash' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text' })
  status: UserStatus = 'ACTIVE';

  /** argon2id (PHC string); null for a person who signs in only through an identity provider. */
  @Property({ type: 'text', nullable: true, hidden: true })
  passwordHash?: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * A person's place in an organization: their roles there, whether they manage its people, and for a
 * peer their profile in the peers subgraph. One per person, so a session names one organization.
 */
@Entity({ tableName: 'membership' })
export class Membership {
  [OptionalProps]?: 'id' | 'manager' | 'peerId' | 'organizationId' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  /** The resources subgraph's Organization; null for a directory admin of no organization. */
  @Property({ type: 'uuid', nullable: true })
  organizationId?: string | null = null;

  @Property({ type: 'text[]' })
  roles!: Role[];

  /** May invite, change and remove the organization's people and manage its API keys. */
  @Property({ type: 'boolean' })
  manager: boolean = false;

  @Property({ type: 'uuid', nullable: true })
  peerId?: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
