import {
  ArrayMaxSize,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsNotBlank } from '../../kit/validators';
import { IsTimeZone, LIMITS } from '../validators';
import type { Weekday } from './schedule';
import { WeekdayEnum } from './schedule.types';

@InputType()
export class AddressInput {
  @Field()
  @IsNotBlank()
  @MaxLength(LIMITS.shortText)
  address1!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.shortText)
  address2?: string | null;

  @Field()
  @IsNotBlank()
  @MaxLength(100)
  city!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  region?: string | null;

  @Field()
  @IsNotBlank()
  @MaxLength(50)
  stateProvince!: string;

  @Field()
  @IsNotBlank()
  @MaxLength(20)
  postalCode!: string;

  @Field({ defaultValue: 'US' })
  @Length(2, 2)
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code such as "US"' })
  country!: string;
}

@InputType()
export class OpeningHoursInput {
  @Field(() => WeekdayEnum)
  day!: Weekday;

  @Field({ description: 'HH:MM' })
  @MaxLength(5)
  opensAt!: string;

  @Field({
    description: 'HH:MM; "24:00" is the end of the day; earlier than opensAt runs past midnight.',
  })
  @MaxLength(5)
  closesAt!: string;
}

@InputType()
export class HolidayClosureInput {
  @Field({ description: 'Local date, YYYY-MM-DD.' })
  @MaxLength(10)
  date!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5)
  opensAt?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5)
  closesAt?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.shortText)
  note?: string | null;
}

@InputType()
export class ScheduleInput {
  @Field(() => [OpeningHoursInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  weekly!: OpeningHoursInput[];

  @Field(() => [HolidayClosureInput], { defaultValue: [] })
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  closures!: HolidayClosureInput[];
}

@InputType({ description: 'Creates a location (no id) or changes one (id and expectedVersion).' })
export class UpsertLocationInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'Required when changing a location.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => ID, { nullable: true, description: 'Required when creating a location.' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsNotBlank()
  @MaxLength(LIMITS.name)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText)
  description?: string | null;

  @Field(() => AddressInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  address?: AddressInput | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude({ message: '$property must be between -90 and 90' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude({ message: '$property must be between -180 and 180' })
  longitude?: number | null;

  @Field({
    nullable: true,
    description: 'IANA time zone; defaults to America/Los_Angeles on create.',
  })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText)
  accessibility?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText)
  transitNotes?: string | null;

  @Field(() => ScheduleInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  schedule?: ScheduleInput | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Resources of the same organization offered here.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  resourceIds?: string[] | null;
}
