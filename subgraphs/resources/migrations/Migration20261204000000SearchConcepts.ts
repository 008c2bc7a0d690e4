import { Migration } from '@mikro-orm/migrations';
import { CONCEPT_TABLE_SQL, insertConceptsSql } from '../search/concepts';
import { CONCEPTS_COLUMN, searchDocumentConceptsIndexSql } from '../search/search-sql';
import { bindings } from '../sql';

/**
 * The synonym groups each document's text matches, as tokens with a GIN index (see concepts.ts),
 * and the table of groups they were indexed with. A new database has both from its first search
 * migration (which builds documents with today's SQL); an empty directory takes this code's groups
 * here. Existing documents have none yet, so the table stays empty, searches read the phrases as
 * before, and the subgraph's start finds the index out of date and rebuilds it through the outbox.
 */
export class Migration20261204000000SearchConcepts extends Migration {
  override up(): void {
    this.addSql(CONCEPT_TABLE_SQL);
    this.addSql(`alter table "search_document" add column if not exists ${CONCEPTS_COLUMN};`);
    this.addSql(searchDocumentConceptsIndexSql('search_document', ' if not exists'));
    const concepts = insertConceptsSql(
      'not exists (select 1 from search_concept) and not exists (select 1 from search_document)',
    );
    this.addSql(this.getKnex().raw(concepts.text, bindings(concepts.params)).toQuery());
  }
}
