import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Entity,
  Enum,
  Index,
  JsonType,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { CertificationRecord } from './certification';
import {
  DEFAULT_WORK_CONTACT_VISIBILITY,
  LivedExperienceArea,
  LivedExperienceVisibility,
  PeerAvailability,
  PeerCertificationType,
  PeerSpecialization,
  WorkContactVisibility,
} from './peer.enums';

/** Who sees each lived-experience area, by area; an area missing here has its default. */
export type LivedExperienceVisibilityMap = Partial<
  Record<LivedExperienceArea, LivedExperienceVisibility>
>;

/**
 * A peer support specialist's profile. Owned by this subgraph (`@key(fields: "id")`); the referrals
 * subgraph adds `activeReferrals` and `caseload` to it and points `Referral.assignedPeer` here.
 *
 * What anonymous callers may read is decided field by field in PeerResolver: the public card is
 * name, pronouns, organization, languages, certifications (without numbers) and availability.
 */
@ObjectType('Peer', { description: 'A peer support specialist.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'peer' })
export class Peer {
  [OptionalProps]?:
    | 'id'
    | 'createdAt'
    | 'updatedAt'
    | 'version'
    | 'certifications'
    | 'languages'
    | 'livedExperience'
    | 'livedExperienceVisibility'
    | 'workContactVisibility'
    | 'serviceCounties'
    | 'currentCaseload'
    | 'availability';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'The name the peer goes by at work.' })
  @Property({ type: 'text' })
  displayName!: string;

  @Field(() => String, {
    nullable: true,
    description: 'For example "she/her", "he/him", "they/them".',
  })
  @Property({ type: 'text', nullable: true })
  pronouns?: string | null;

  /** The resources subgraph's Organization; `Peer.organization` is a federation reference to it. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  organizationId?: string | null;

  @Property({ type: JsonType })
  certifications: CertificationRecord[] = [];

  @Field(() => [String], {
    description:
      'Codes of the languages the peer works in, one per language: ISO 639-1 when it has one, else ISO 639-3, e.g. "en", "es", "hmn".',
  })
  @Property({ type: ArrayType })
  languages: string[] = [];

  @Property({ type: ArrayType })
  livedExperience: LivedExperienceArea[] = [];

  /** The peer's choice of who sees each area (peer-visibility.ts applies it). */
  @Property({ type: JsonType })
  livedExperienceVisibility: LivedExperienceVisibilityMap = {};

  @Property({ type: 'double', nullable: true })
  serviceLatitude?: number | null;

  @Property({ type: 'double', nullable: true })
  serviceLongitude?: number | null;

  @Property({ type: 'double', nullable: true })
  serviceRadiusKm?: number | null;

  @Property({ type: ArrayType })
  serviceCounties: string[] = [];

  @Property({ type: 'int' })
  caseloadCapacity!: number;

  /**
   * How many people the peer works with now, as last reported to this service. The referrals
   * subgraph owns referrals and adds the live `Peer.caseload` through federation, but this
   * service cannot read its database, and matching must rank thousands of peers in one query; so
   * matching uses this number. The peer, their organization's partners or an admin keep it current
   * with upsertPeerProfile (it also counts people a peer supports outside the hub).
   */
  @Property({ type: 'int' })
  currentCaseload: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  caseloadUpdatedAt?: Date | null;

  @Field(() => PeerAvailability)
  @Enum({ items: () => PeerAvailability, type: 'text' })
  availability: PeerAvailability = PeerAvailability.AVAILABLE;

  @Property({ type: 'text', nullable: true })
  workPhone?: string | null;

  @Property({ type: 'text', nullable: true })
  workEmail?: string | null;

  @Enum({ items: () => WorkContactVisibility, type: 'text' })
  workContactVisibility: WorkContactVisibility = DEFAULT_WORK_CONTACT_VISIBILITY;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Int, { description: 'Pass as expectedVersion when editing.' })
  @Property({ type: 'int', version: true })
  version: number = 1;
}

@ObjectType({
  description: 'A certification a peer holds; `expired` says whether it is still valid today.',
})
export class PeerCertification {
  @Field(() => PeerCertificationType)
  type!: PeerCertificationType;

  @Field({ description: 'The certificate by name.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The certificate number; null for anonymous callers.',
  })
  number!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  issuedOn!: string | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Valid through this day (California time).',
  })
  expiresOn!: string | null;

  @Field({
    description: 'Past its expiry day: it no longer qualifies the peer, nor counts in matching.',
  })
  expired!: boolean;

  @Field(() => [PeerSpecialization])
  specializations!: PeerSpecialization[];
}

@ObjectType({
  description:
    'Where a peer works: within radiusKm of a point, or in the listed counties (or both).',
})
export class PeerServiceArea {
  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => Float, { nullable: true })
  radiusKm!: number | null;

  @Field(() => [String], { description: 'For example "Alameda County".' })
  counties!: string[];
}

@ObjectType({
  description:
    "How to reach a peer at work; for the peer's organization and admins unless the peer shows it to everyone signed in.",
})
export class PeerWorkContact {
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;
}

@ObjectType({ description: 'A lived-experience area and who the peer shows it to.' })
export class PeerLivedExperience {
  @Field(() => LivedExperienceArea)
  area!: LivedExperienceArea;

  @Field(() => LivedExperienceVisibility)
  visibility!: LivedExperienceVisibility;
}
