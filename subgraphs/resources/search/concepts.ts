import { createHash } from 'node:crypto';
import { joinSql, sql, type SqlBuilder } from '../sql';
import { normalizeText, SYNONYM_GROUPS } from './synonyms';

/**
 * Synonym groups as index-time concepts, for the Postgres engine. A query word of a synonym group
 * ("MAT") matches a listing that has any phrase of its group ("buprenorphine", "medication assisted
 * treatment"). Asked of the text index at search time, that is an OR of every phrase: the index
 * reads the posting lists of every word of every phrase (for "sober living", also "recovery" and
 * "home"), and each phrase is then checked against the row's text. At 1,000,000 listings one such
 * group cost 100 to 180 ms. So each document records, when it is indexed, which groups its text
 * matches (`concepts`, a GIN-indexed array), and a search asks for the group's one token instead.
 *
 * Only the matching moves: ranking still reads the phrases, so results and their order are those
 * of the phrases. The group's token is a hash of its phrases, and `search_concept` holds the
 * groups the documents were indexed with: a search uses a group's token only when that table has
 * it, so a changed group is searched by its phrases until the index is rebuilt with it.
 */
export interface Concept {
  token: string;
  /** The group's phrases, normalized as queries are. */
  phrases: string[];
}

/** A phrase in websearch syntax: quoted, so that its words must come in order. */
export function tsqueryText(phrase: string): string {
  return phrase.includes(' ') ? `"${phrase.replace(/"/g, '')}"` : phrase;
}

/** Any of the phrases, as a tsquery (phrases keep their word order). */
export function tsqueryOf(phrases: readonly string[]): SqlBuilder {
  return joinSql(
    // The text is already without accents (normalizeText), so no unaccent() here: that keeps the
    // expression immutable, folded to a constant once instead of recomputed for every row.
    phrases.map((p) => sql(`websearch_to_tsquery('english'::regconfig, ?::text)`, tsqueryText(p))),
    ' || ',
  );
}

/**
 * The token of a term group: the same for any order of the same phrases, and different when a
 * phrase or the way phrases become a tsquery changes. Tokens live in a column of their own, apart
 * from the words of the text.
 */
export function conceptToken(phrases: readonly string[]): string {
  const key = [...new Set(phrases)]
    .sort()
    .map((p) => tsqueryText(p))
    .join('\n');
  return `syn_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

const TITLE_SUFFIX = '_title';

/** The token that says a group matches in the title part of the text (name, categories, organization). */
export function titleToken(token: string): string {
  return `${token}${TITLE_SUFFIX}`;
}

/** Every synonym group as a concept, as expandSynonyms() hands its phrases to the engine. */
export const CONCEPTS: readonly Concept[] = SYNONYM_GROUPS.map((group) => {
  const phrases = [...new Set(group.map(normalizeText))];
  return { token: conceptToken(phrases), phrases };
});

export const CONCEPT_TABLE_SQL = `create table if not exists "search_concept" (
  "token" text primary key,
  "query" tsquery not null
);`;

/** Fills `search_concept` with this code's groups when `condition` holds (SQL, no bindings). */
export function insertConceptsSql(condition = 'true'): SqlBuilder {
  const rows = CONCEPTS.map((c) => sql('(?::text,', c.token).append(tsqueryOf(c.phrases)).add(')'));
  return sql('insert into search_concept (token, query) select v.token, v.query from (values')
    .append(joinSql(rows, ','))
    .add(`) as v(token, query) where ${condition}`);
}

/**
 * The concepts of a document whose text vector is `tsv` (an SQL expression over the row): each
 * group's token when the text matches the group, and its title token when the title part does.
 */
export function documentConceptsSql(tsv: string): string {
  return `array(select c.token from search_concept c where ${tsv} @@ c.query
    union all select c.token || '${TITLE_SUFFIX}' from search_concept c where ts_filter(${tsv}, '{a,b}') @@ c.query)`;
}
