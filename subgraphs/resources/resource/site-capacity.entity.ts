import { randomUUID } from 'node:crypto';
import {
  Embedded,
  Entity,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  type Ref,
  Unique,
} from '@mikro-orm/core';
import { Location } from '../location/location.entity';
import { Capacity } from './capacity.entity';
import { Resource } from './resource.entity';

/**
 * Open capacity of a listing at one of its sites (HSDS 3.1 service_capacity, tied to the service at
 * location): beds exist at a place, so a shelter with three sites counts each one. The listing's own
 * `capacity` is the total of its sites (resource/site-capacity.ts keeps it so).
 */
@Entity({ tableName: 'service_capacity' })
@Unique({ properties: ['resource', 'location'] })
export class SiteCapacity {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Resource, { ref: true, deleteRule: 'cascade' })
  resource!: Ref<Resource>;

  @ManyToOne(() => Location, { ref: true, deleteRule: 'cascade' })
  location!: Ref<Location>;

  @Embedded(() => Capacity, { prefix: false })
  capacity!: Capacity;
}
