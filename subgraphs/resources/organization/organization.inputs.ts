import { ArrayMaxSize, IsEmail, IsOptional, IsUrl, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsNotBlank } from '../../kit/validators';
import { LIMITS } from '../validators';
import { OrganizationKind } from './organization.enums';

@InputType()
export class OrganizationFieldsInput {
  @Field(() => OrganizationKind, { nullable: true })
  @IsOptional()
  kind?: OrganizationKind | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.name)
  alternateName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.shortText)
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.shortText)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  phone?: string | null;
}

@InputType()
export class CreateOrganizationInput extends OrganizationFieldsInput {
  @Field()
  @IsNotBlank()
  @MaxLength(LIMITS.name)
  name!: string;
}

@InputType()
export class UpdateOrganizationInput extends OrganizationFieldsInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsNotBlank()
  @MaxLength(LIMITS.name)
  name?: string;
}

@InputType()
export class OrganizationFilter {
  @Field({ nullable: true, description: 'Part of the name, any case.' })
  @IsOptional()
  @MaxLength(LIMITS.name)
  nameContains?: string;

  @Field(() => [OrganizationKind], {
    nullable: true,
    description: 'Any of these kinds, e.g. [HOSPITAL, JAIL, PRISON] for where planners work.',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  kinds?: OrganizationKind[];
}
