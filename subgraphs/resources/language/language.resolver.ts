import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../kit/errors';
import { Resource } from '../resource/resource.entity';
import { languageInfo, type LanguageInfo } from './languages';
import { Language } from './language.types';

const MAX_CODES = 100;

export function toLanguage(info: LanguageInfo): Language {
  return {
    code: info.code,
    iso6393: info.iso6393,
    name: info.name,
    nameEs: info.nameEs,
    macrolanguage: info.macrolanguage,
  };
}

/** Named languages for codes, in order, each once; codes that name none are left out. */
export function languagesOf(codes: readonly string[]): Language[] {
  const seen = new Set<string>();
  const out: Language[] = [];
  for (const code of codes) {
    const info = languageInfo(code);
    if (!info || seen.has(info.code)) continue;
    seen.add(info.code);
    out.push(toLanguage(info));
  }
  return out;
}

@Resolver(() => Resource)
export class ResourceLanguageResolver {
  @FieldResolver(() => [Language], {
    description: '`languages` with their names in English and Spanish, in the same order.',
  })
  spokenLanguages(@Root() resource: Resource): Language[] {
    return languagesOf(resource.languages);
  }
}

@Resolver(() => Language)
export class LanguageResolver {
  @Query(() => [Language], {
    description:
      'Names for language codes (ISO 639-1 or 639-3), e.g. to label language facets; BAD_USER_INPUT names a code that is no language.',
  })
  languages(@Arg('codes', () => [String]) codes: string[]): Language[] {
    if (codes.length > MAX_CODES)
      throw new BadUserInputError(`must hold at most ${MAX_CODES} codes`, 'codes');
    const unknown = codes.find((c) => !languageInfo(c));
    if (unknown !== undefined)
      throw new BadUserInputError(
        `${JSON.stringify(unknown)} is not an ISO 639-1 or ISO 639-3 language code`,
        'codes',
      );
    return languagesOf(codes);
  }
}
