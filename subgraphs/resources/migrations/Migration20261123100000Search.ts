import { Migration } from '@mikro-orm/migrations';
import { CONCEPT_TABLE_SQL, insertConceptsSql } from '../search/concepts';
import {
  FACET_TABLE_SQL,
  insertDocumentsSql,
  insertFacetValuesSql,
  insertWordsSql,
  OUTBOX_TABLE_SQL,
  SEARCH_FUNCTIONS_SQL,
  searchDocumentIndexSql,
  searchDocumentTableSql,
  searchSourceViewSql,
  TIME_ZONE_TABLE_SQL,
  WORD_TABLE_SQL,
} from '../search/search-sql';
import { bindings } from '../sql';

/**
 * Search: the document table of the Postgres engine (trigram, full text, earthdistance, GIN/GiST),
 * the view that builds documents from listings, the outbox that keeps any engine in step, and the
 * documents of whatever is already in the directory.
 */
export class Migration20261123100000Search extends Migration {
  override up(): void {
    for (const extension of ['pg_trgm', 'cube', 'earthdistance', 'unaccent']) {
      this.addSql(`create extension if not exists ${extension};`);
    }
    for (const sql of SEARCH_FUNCTIONS_SQL) this.addSql(sql);
    // The view as it was then: capacity per site came later (Migration20261202150000SiteCapacity).
    this.addSql(searchSourceViewSql('listing'));
    this.addSql(searchDocumentTableSql('search_document'));
    for (const sql of searchDocumentIndexSql('search_document')) this.addSql(sql);
    this.addSql(TIME_ZONE_TABLE_SQL);
    for (const sql of WORD_TABLE_SQL) this.addSql(sql);
    this.addSql(FACET_TABLE_SQL);
    // The documents below are built by today's SQL, which records the synonym groups they match.
    this.addSql(CONCEPT_TABLE_SQL);
    const concepts = insertConceptsSql();
    this.addSql(this.getKnex().raw(concepts.text, bindings(concepts.params)).toQuery());
    for (const sql of OUTBOX_TABLE_SQL) this.addSql(sql);
    this.addSql(`${insertFacetValuesSql('true')};`);
    this.addSql(`${insertDocumentsSql('search_document', 'true')};`);
    this.addSql(`${insertWordsSql('search_document', 'true')};`);
    this.addSql(
      `insert into "search_time_zone" select distinct "time_zone" from "location" on conflict do nothing;`,
    );
  }
}
