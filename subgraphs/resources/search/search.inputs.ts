import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsLanguageCodes } from '../validators';
import { Insurance, Population } from '../resource/resource.enums';
import { SearchSort } from './search.types';

export const MAX_SEARCH_PAGE = 50;
export const DEFAULT_RADIUS_KM = 25;
export const MAX_RADIUS_KM = 500;
export const MAX_TEXT = 200;

@InputType({ description: 'A point, WGS 84.' })
export class GeoPointInput {
  @Field(() => Float)
  @IsLatitude({ message: '$property must be between -90 and 90' })
  lat!: number;

  @Field(() => Float)
  @IsLongitude({ message: '$property must be between -180 and 180' })
  lng!: number;
}

@InputType({ description: 'What a peer is looking for; every filter given must hold.' })
export class ResourceSearchInput {
  @Field(() => String, {
    nullable: true,
    description: 'Free text; typos, accents and common synonyms are forgiven.',
  })
  @IsOptional()
  @MaxLength(MAX_TEXT, { message: `$property must be at most ${MAX_TEXT} characters` })
  text?: string | null;

  @Field(() => GeoPointInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  near?: GeoPointInput | null;

  @Field(() => Float, {
    nullable: true,
    description: `Around near, in km; ${DEFAULT_RADIUS_KM} when omitted, at most ${MAX_RADIUS_KM}.`,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1, { message: `$property must be between 0.1 and ${MAX_RADIUS_KM}` })
  @Max(MAX_RADIUS_KM, { message: `$property must be between 0.1 and ${MAX_RADIUS_KM}` })
  radiusKm?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Any of these categories; a parent category includes its children.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  categories?: string[] | null;

  @Field(() => [Population], { nullable: true, description: 'Serves any of these populations.' })
  @IsOptional()
  @ArrayMaxSize(20)
  populations?: Population[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Staff speak any of these: ISO 639-1 or 639-3 codes ("es" = "spa"). A macrolanguage matches its members and back: "zh" finds Cantonese ("yue") and Mandarin ("cmn"), "yue" finds listings that say only "zh".',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsLanguageCodes()
  languages?: string[] | null;

  @Field(() => [Insurance], { nullable: true, description: 'Accepts any of these.' })
  @IsOptional()
  @ArrayMaxSize(10)
  insurance?: Insurance[] | null;

  @Field(() => Int, {
    nullable: true,
    description: "The person's age: only resources whose age range includes it.",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  age?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Only places open at this moment.' })
  @IsOptional()
  @IsBoolean()
  openNow?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only places open at this time, by their own hours and time zone: "20:00" (the next 20:00 at each place), a local date and time "2026-12-02T20:00" (at each place), or an instant with its offset "2026-12-02T20:00:00-08:00". Up to 14 days ahead.',
  })
  @IsOptional()
  @MaxLength(40, { message: '$property must be a time such as "20:00"' })
  openAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only places open at any moment from now until this time ("open tonight": "06:00", the next 06:00 at each place), in the same forms as openAt. Up to 7 days ahead; not with openAt.',
  })
  @IsOptional()
  @MaxLength(40, { message: '$property must be a time such as "06:00"' })
  openUntil?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only resources with open capacity (a bed, a slot) now.',
  })
  @IsOptional()
  @IsBoolean()
  hasCapacity?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  acceptsReferrals?: boolean | null;

  @Field(() => SearchSort, { nullable: true })
  @IsOptional()
  sort?: SearchSort | null;

  @Field(() => Int, {
    nullable: true,
    description: `Hits per page, at most ${MAX_SEARCH_PAGE}; 20 when omitted.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `$property must be between 1 and ${MAX_SEARCH_PAGE}` })
  @Max(MAX_SEARCH_PAGE, { message: `$property must be between 1 and ${MAX_SEARCH_PAGE}` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'pageInfo.endCursor of the previous page.' })
  @IsOptional()
  @MaxLength(512, { message: '$property is not a cursor this service gave out' })
  after?: string | null;
}
