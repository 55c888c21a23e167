import { Migration } from '@mikro-orm/migrations';

/**
 * The search indexes are rewritten in bulk (every ingest and reindex), and with GIN's default fast update new
 * entries wait in a pending list that only VACUUM merges. PGlite never vacuums, so its trigram and tsvector
 * indexes stayed pending lists the planner would not use. Entries now go straight into the index.
 */
export class Migration20261123000830_search_gin_fastupdate extends Migration {
  override async up(): Promise<void> {
    for (const index of ['search_entry_document_index', 'search_entry_title_trgm_index', 'search_entry_cited_clauses_index', 'search_term_word_trgm_index']) {
      this.addSql(`alter index ${index} set (fastupdate = off);`);
      this.addSql(`select gin_clean_pending_list('${index}'::regclass);`);
    }
  }
}
