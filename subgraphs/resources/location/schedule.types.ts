import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Weekday } from './schedule';

export const WeekdayEnum = {
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const satisfies Record<Weekday, Weekday>;
registerEnumType(WeekdayEnum, { name: 'Weekday' });

@ObjectType({ description: "Regular opening hours on one weekday, in the location's time zone." })
export class OpeningHours {
  @Field(() => WeekdayEnum)
  day!: Weekday;

  @Field({ description: 'HH:MM, 24-hour local time.' })
  opensAt!: string;

  @Field({
    description:
      'HH:MM; "24:00" is midnight at the end of the day; earlier than opensAt means the hours run past midnight.',
  })
  closesAt!: string;
}

@ObjectType({ description: 'A date with no regular hours (closed) or special hours.' })
export class HolidayClosure {
  @Field({ description: 'Local date, YYYY-MM-DD.' })
  date!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Special hours that day; null means closed.',
  })
  opensAt?: string | null;

  @Field(() => String, { nullable: true })
  closesAt?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: 'Weekly hours and holiday closures (HSDS schedule).' })
export class ScheduleView {
  @Field(() => [OpeningHours])
  weekly!: OpeningHours[];

  @Field(() => [HolidayClosure])
  closures!: HolidayClosure[];
}
