import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ListingIssueKind } from './listing-report.entity';

@InputType()
export class ReportListingIssueInput {
  @Field(() => ID)
  @MaxLength(100)
  resourceId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The location the problem is at, if it is one place.',
  })
  @IsOptional()
  @IsUUID('all')
  locationId?: string | null;

  @Field(() => ListingIssueKind)
  kind!: ListingIssueKind;

  @Field(() => String, { nullable: true, description: 'What you found, in your words.' })
  @IsOptional()
  @MaxLength(2000)
  message?: string | null;
}
