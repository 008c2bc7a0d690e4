import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../../kit/identity';

/** An invitation to join an organization in a role; its token (hashed here) is sent by email. */
@Entity({ tableName: 'invitation' })
export class Invitation {
  [OptionalProps]?:
    'id' | 'createdAt' | 'acceptedAt' | 'revokedAt' | 'manager' | 'peerId' | 'organizationId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', hidden: true })
  tokenHash!: string;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'uuid', nullable: true })
  organizationId?: string | null = null;

  @Property({ type: 'text[]' })
  roles!: Role[];

  @Property({ type: 'boolean' })
  manager: boolean = false;

  @Property({ type: 'uuid', nullable: true })
  peerId?: string | null = null;

  /** The inviter's subject. */
  @Property({ type: 'text' })
  invitedBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null = null;
}

/** A password reset link's token (hashed), single use, short-lived. */
@Entity({ tableName: 'password_reset' })
export class PasswordReset {
  [OptionalProps]?: 'id' | 'createdAt' | 'usedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', hidden: true })
  tokenHash!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date | null = null;
}
