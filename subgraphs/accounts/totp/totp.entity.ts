import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A person's authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s). The secret is stored sealed
 * (AES-256-GCM) and never shown again after enrolment. Unconfirmed until the first valid code.
 */
@Entity({ tableName: 'totp_factor' })
export class TotpFactor {
  [OptionalProps]?: 'confirmedAt' | 'lastStep' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text', hidden: true })
  sealedSecret!: string;

  @Property({ type: 'timestamptz', nullable: true })
  confirmedAt?: Date | null = null;

  /** The 30-second step of the last code accepted: that code and older ones are refused. */
  @Property({ type: 'bigint', nullable: true })
  lastStep?: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
