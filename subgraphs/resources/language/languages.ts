/**
 * The directory's languages are the kit's (subgraphs/kit/languages.ts), so that every subgraph
 * accepts and stores the same codes; resources reads them from here.
 */
export {
  canonicalLanguage,
  canonicalLanguages,
  isLanguageCode,
  languageByName,
  languageInfo,
  languagesMatching,
  type LanguageInfo,
} from '../../kit/languages';
