import { Migration } from '@mikro-orm/migrations';
import { searchDocumentTitleIndexSql, TITLE_TSV_COLUMN } from '../search/search-sql';

/**
 * The title part of each document's text (name, alternate name, category and organization names)
 * as a column with a GIN index: a text search without a place ranks a bounded sample of those
 * matches first instead of the first matches of the whole text. Rebuilt tables get both from
 * searchDocumentTableSql and searchDocumentIndexSql.
 */
export class Migration20261203000000SearchTitle extends Migration {
  override up(): void {
    this.addSql(`alter table "search_document" add column if not exists ${TITLE_TSV_COLUMN};`);
    this.addSql(searchDocumentTitleIndexSql('search_document', ' if not exists'));
    this.addSql('analyze "search_document";');
  }
}
