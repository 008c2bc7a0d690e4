import { Migration } from '@mikro-orm/migrations';
import { searchDocumentCapacityIndexSql } from '../search/search-sql';

/**
 * A GiST index on the points of documents with free places: "nearest with a bed" then walks only
 * those (about a fifth of a directory) instead of every document in the circle. Rebuilt tables get
 * it from searchDocumentIndexSql.
 */
export class Migration20261125000000SearchCapacity extends Migration {
  override up(): void {
    this.addSql(searchDocumentCapacityIndexSql('search_document', ' if not exists'));
  }
}
