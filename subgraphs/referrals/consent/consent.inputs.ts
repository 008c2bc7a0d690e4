import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsNotBlank } from '../../kit/validators';
import { LIMITS } from '../validators';
import { ConsentInformation, ConsentMethod, ConsentSigner } from './consent.enums';

/** A signed consent, element by element (42 CFR 2.31). */
@InputType()
export class ConsentInput {
  @Field({
    description:
      'Who may disclose: the program holding the information, e.g. "Highland Hospital Social Work".',
  })
  @IsNotBlank()
  @MaxLength(LIMITS.name)
  disclosingParty!: string;

  @Field(() => [ID], {
    nullable: true,
    description:
      'To whom: organizations that may receive it; the receiving organization when omitted.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  recipientOrganizationIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'To whom: peers, by id, who may receive it. A peer assigned to the referral who is not named here (nor their organization in recipientOrganizationIds) sees nothing of the person.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  recipientPeerIds?: string[] | null;

  @Field({
    defaultValue: false,
    description:
      'The peer assigned to the referral now may receive it too: they are added to recipientPeerIds. It does not cover a peer assigned later.',
  })
  includesAssignedPeer!: boolean;

  @Field(() => [ConsentInformation], {
    description: 'What may be disclosed; must include IDENTITY.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  information!: ConsentInformation[];

  @Field(() => String, { nullable: true, description: 'The information as the form words it.' })
  @IsOptional()
  @MaxLength(LIMITS.reason)
  informationDescription?: string | null;

  @Field({ description: 'Why, e.g. "to arrange housing after discharge".' })
  @IsNotBlank()
  @MaxLength(LIMITS.reason)
  purpose!: string;

  @Field({ description: 'The person was told they may revoke it at any time; must be true.' })
  revocationAcknowledged!: boolean;

  @Field(() => Date, { description: 'When it ends.' })
  expiresAt!: Date;

  @Field(() => ConsentMethod)
  method!: ConsentMethod;

  @Field(() => ConsentSigner, { defaultValue: ConsentSigner.PATIENT })
  signedBy!: ConsentSigner;

  @Field(() => String, {
    nullable: true,
    description: 'For a representative: their authority, e.g. "legal guardian".',
  })
  @IsOptional()
  @MaxLength(LIMITS.name)
  representativeRelationship?: string | null;

  @Field(() => Date)
  signedAt!: Date;
}
