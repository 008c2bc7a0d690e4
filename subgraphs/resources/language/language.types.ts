import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A language, with its names: every ISO 639-1 and ISO 639-3 language is one (code list iso-639-3, macrolanguages from the IANA registry).',
})
export class Language {
  @Field({
    description:
      'The code listings and filters use: ISO 639-1 when the language has one ("es"), else ISO 639-3 ("hmn", "yue").',
  })
  code!: string;

  @Field({ description: 'ISO 639-3 code ("spa" for "es").' })
  iso6393!: string;

  @Field({ description: 'Name in English ("Cantonese").' })
  name!: string;

  @Field({ description: 'Name in Spanish ("cantonés"); the English name when none is known.' })
  nameEs!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The macrolanguage it belongs to ("zh" for "yue"): a filter on either finds both.',
  })
  macrolanguage!: string | null;
}
