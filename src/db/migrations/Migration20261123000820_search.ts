import { Migration } from '@mikro-orm/migrations';

/**
 * The PostgreSQL search index: one row per searchable document (standards, clauses, guidance, blueprints, safety
 * cases and each hazard on its own), a weighted generated tsvector over it, and the word list that typo
 * correction ("did you mean") matches against with trigrams.
 */
export class Migration20261123000820_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table search_entry (
      id serial primary key,
      kind varchar(32) not null,
      key varchar(256) not null,
      entity_id int not null,
      path text not null,
      title text not null,
      summary text not null,
      keywords text not null default '',
      body text not null default '',
      clause_ref varchar(64) null,
      clause_sort_key varchar(160) null,
      clause_ancestors text[] not null default '{}',
      cited_clauses text[] not null default '{}',
      standards text[] not null default '{}',
      topics text[] not null default '{}',
      blueprint_kind varchar(64) null,
      system_type varchar(64) null,
      setting varchar(64) null,
      updated_at timestamptz not null,
      document tsvector generated always as (
        setweight(to_tsvector('en_unaccent'::regconfig, title), 'A') ||
        setweight(to_tsvector('en_unaccent'::regconfig, summary || ' ' || keywords), 'B') ||
        setweight(to_tsvector('en_unaccent'::regconfig, body), 'C')
      ) stored,
      title_vector tsvector generated always as (to_tsvector('en_unaccent'::regconfig, title)) stored,
      constraint search_entry_kind_key_unique unique (kind, key)
    );`);
    // Searches read every candidate's tsvector several times; uncompressed out-of-line storage skips decompression.
    this.addSql(`alter table search_entry alter column document set storage external;`);
    this.addSql(`create index search_entry_document_index on search_entry using gin (document);`);
    this.addSql(`create index search_entry_title_trgm_index on search_entry using gin (title gin_trgm_ops);`);
    this.addSql(`create index search_entry_cited_clauses_index on search_entry using gin (cited_clauses);`);
    this.addSql(`create index search_entry_clause_ref_index on search_entry (clause_ref) where clause_ref is not null;`);

    // Surface words (unstemmed, unaccented, lower case) with their document frequency, rebuilt with the index.
    this.addSql(`create table search_term (
      word text primary key,
      documents int not null
    );`);
    this.addSql(`create index search_term_word_trgm_index on search_term using gin (word gin_trgm_ops);`);
  }
}
