import { Field, ObjectType } from 'type-graphql';
import { LocalTime } from '../location/local-time';
import { Location } from '../location/location.entity';
import { Capacity } from './capacity.entity';

@ObjectType({
  description:
    "One place a listing is offered at (HSDS service_at_location), with the open capacity there: beds exist at a place. The listing's capacity is the total of its sites'.",
})
export class ResourceSite {
  @Field(() => Location)
  location!: Location;

  @Field(() => Capacity, {
    nullable: true,
    description: 'Open capacity at this site (HSDS 3.1 service_capacity); null when not counted.',
  })
  capacity!: Capacity | null;

  @Field(() => LocalTime, {
    nullable: true,
    description: "capacity.updatedAt on this site's wall clock, with its UTC offset.",
  })
  capacityUpdatedAtLocal!: LocalTime | null;
}
