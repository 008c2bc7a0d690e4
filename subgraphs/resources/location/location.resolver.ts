import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalTime, localTime } from './local-time';
import type { ResourcesContext } from '../context';
import { ChangeRecord } from '../history/change-record.entity';
import { Organization } from '../organization/organization.entity';
import { Resource } from '../resource/resource.entity';
import { quickOpenState } from '../search/open-now';
import { ScheduleInput, UpsertLocationInput } from './location.inputs';
import { Location } from './location.entity';
import { openState } from './schedule';
import { ScheduleView } from './schedule.types';

const atArg = {
  nullable: true,
  description: 'The instant to ask about; now when omitted.',
} as const;

@Resolver(() => Location)
export class LocationResolver {
  @Query(() => Location)
  location(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return ctx.locations.get(id);
  }

  @Mutation(() => Location, {
    description: 'Creates a location, or changes one (id + expectedVersion).',
  })
  upsertLocation(
    @Arg('input', () => UpsertLocationInput) input: UpsertLocationInput,
    @Ctx() ctx: ResourcesContext,
  ) {
    return ctx.locations.upsert(input);
  }

  @Mutation(() => Location, { description: 'Replaces the weekly hours and holiday closures.' })
  setSchedule(
    @Arg('locationId', () => ID) locationId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('schedule', () => ScheduleInput) schedule: ScheduleInput,
    @Ctx() ctx: ResourcesContext,
  ) {
    return ctx.locations.setSchedule(locationId, expectedVersion, schedule);
  }

  @FieldResolver(() => Organization)
  organization(@Root() location: Location, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.organization.load(location.organization.id);
  }

  @FieldResolver(() => [Resource], { description: 'Public resources offered here.' })
  resources(@Root() location: Location, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.resourcesAtLocation.load(location.id);
  }

  @FieldResolver(() => ScheduleView)
  schedule(@Root() location: Location): ScheduleView {
    return location.schedule;
  }

  @FieldResolver(() => Boolean, {
    description: "Open at that instant, by the schedule in the location's time zone.",
  })
  openNow(
    @Root() location: Location,
    @Arg('at', () => GraphQLDateTimeISO, atArg) at?: Date,
  ): boolean {
    return quickOpenState(location.schedule, location.timeZone, at ?? new Date()).openNow;
  }

  @FieldResolver(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'When it next opens; null while open.',
  })
  nextOpenAt(
    @Root() location: Location,
    @Arg('at', () => GraphQLDateTimeISO, atArg) at?: Date,
  ): Date | null {
    return quickOpenState(location.schedule, location.timeZone, at ?? new Date()).nextOpenAt;
  }

  @FieldResolver(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'When it closes, while open.',
  })
  closesAt(
    @Root() location: Location,
    @Arg('at', () => GraphQLDateTimeISO, atArg) at?: Date,
  ): Date | null {
    return openState(location.schedule, location.timeZone, at ?? new Date()).closesAt;
  }

  @FieldResolver(() => LocalTime, {
    nullable: true,
    description: "nextOpenAt on the location's wall clock, with its UTC offset.",
  })
  nextOpenAtLocal(
    @Root() location: Location,
    @Arg('at', () => GraphQLDateTimeISO, atArg) at?: Date,
  ): LocalTime | null {
    const state = quickOpenState(location.schedule, location.timeZone, at ?? new Date());
    return localTime(state.nextOpenAt, location.timeZone);
  }

  @FieldResolver(() => LocalTime, {
    nullable: true,
    description: "closesAt on the location's wall clock, with its UTC offset.",
  })
  closesAtLocal(
    @Root() location: Location,
    @Arg('at', () => GraphQLDateTimeISO, atArg) at?: Date,
  ): LocalTime | null {
    const state = openState(location.schedule, location.timeZone, at ?? new Date());
    return localTime(state.closesAt, location.timeZone);
  }

  @FieldResolver(() => [ChangeRecord], {
    description: 'Changes, newest first; organization and admins only.',
  })
  history(
    @Root() location: Location,
    @Ctx() ctx: ResourcesContext,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
  ) {
    return ctx.history.forLocation(location, first);
  }
}
