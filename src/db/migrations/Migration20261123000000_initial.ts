import { Migration } from '@mikro-orm/migrations';

/** The content model, the text search configuration and the database-enforced immutability rules. */
export class Migration20261123000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create extension if not exists unaccent;`);
    // unaccent() is not IMMUTABLE, so generated tsvector columns use a configuration that applies it as a dictionary.
    this.addSql(`do $$ begin
      if not exists (select 1 from pg_ts_config where cfgname = 'en_unaccent') then
        create text search configuration en_unaccent (copy = english);
        alter text search configuration en_unaccent
          alter mapping for hword, hword_part, word, asciiword, asciihword, hword_asciipart with unaccent, english_stem;
      end if;
    end $$;`);

    this.addSql(`create table standard (
      id serial primary key,
      code varchar(32) not null,
      version varchar(32) not null,
      guidance_version varchar(32) null,
      amendment varchar(64) null,
      title text not null,
      summary text not null,
      applies_to text not null,
      body text not null,
      topics text[] not null default '{}',
      published_on date not null,
      effective_from date null,
      last_reviewed date not null,
      content_hash varchar(64) not null,
      source_path varchar(512) not null,
      published boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint standard_code_version_unique unique (code, version)
    );`);

    this.addSql(`create table clause (
      id serial primary key,
      standard_id int not null references standard (id) on delete cascade,
      number varchar(32) not null,
      sort_key varchar(128) not null,
      parent_id int null references clause (id) on delete set null,
      counterpart_id int null references clause (id) on delete set null,
      title text not null,
      summary text not null,
      obligation text null check (obligation in ('SHALL', 'SHOULD', 'MAY')),
      binds text[] not null default '{}',
      content_hash varchar(64) not null,
      updated_at timestamptz not null,
      constraint clause_standard_id_number_unique unique (standard_id, number)
    );`);
    this.addSql(`create index clause_parent_id_index on clause (parent_id);`);

    this.addSql(`create table guidance_article (
      id serial primary key,
      slug varchar(160) not null unique,
      title text not null,
      summary text not null,
      body text not null,
      topics text[] not null default '{}',
      audience text[] not null default '{}',
      clause_refs text[] not null default '{}',
      related_guidance text[] not null default '{}',
      related_blueprints text[] not null default '{}',
      last_reviewed date not null,
      content_hash varchar(64) not null,
      source_path varchar(512) not null,
      published boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);

    this.addSql(`create table blueprint (
      id serial primary key,
      slug varchar(160) not null unique,
      kind text not null,
      title text not null,
      summary text not null,
      topics text[] not null default '{}',
      latest_version varchar(32) not null,
      last_reviewed date not null,
      published boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);

    this.addSql(`create table blueprint_version (
      id serial primary key,
      blueprint_id int not null references blueprint (id) on delete cascade,
      version varchar(32) not null,
      major int not null,
      minor int not null,
      patch int not null,
      title text not null,
      summary text not null,
      changelog text not null,
      template text not null,
      variables jsonb not null,
      hazards jsonb not null default '[]',
      clause_refs text[] not null default '{}',
      topics text[] not null default '{}',
      licence text not null,
      published_on date not null,
      content_hash varchar(64) not null,
      source_path varchar(512) not null,
      withdrawn boolean not null default false,
      created_at timestamptz not null,
      constraint blueprint_version_blueprint_id_version_unique unique (blueprint_id, version)
    );`);
    // A published version is immutable: only its withdrawn flag and source path may ever change.
    this.addSql(`create or replace function blueprint_version_immutable() returns trigger language plpgsql as $$
      begin
        if (new.version, new.title, new.summary, new.changelog, new.template, new.variables, new.hazards,
            new.clause_refs, new.licence, new.published_on, new.content_hash)
           is distinct from
           (old.version, old.title, old.summary, old.changelog, old.template, old.variables, old.hazards,
            old.clause_refs, old.licence, old.published_on, old.content_hash) then
          raise exception 'blueprint version % is published and immutable; publish a new version', old.version
            using errcode = 'P0001';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger blueprint_version_immutable before update on blueprint_version
      for each row execute function blueprint_version_immutable();`);

    this.addSql(`create table safety_case (
      id serial primary key,
      slug varchar(160) not null unique,
      title text not null,
      summary text not null,
      body text not null,
      system_type varchar(64) not null,
      setting varchar(64) not null,
      standard_code varchar(32) not null,
      lifecycle_phase text not null,
      organisation text not null,
      topics text[] not null default '{}',
      clause_refs text[] not null default '{}',
      last_reviewed date not null,
      content_hash varchar(64) not null,
      source_path varchar(512) not null,
      origin varchar(16) not null default 'INGEST',
      published boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);

    this.addSql(`create table hazard (
      id serial primary key,
      safety_case_id int not null references safety_case (id) on delete cascade,
      position int not null,
      code varchar(32) not null,
      title text not null,
      family varchar(64) not null,
      description text not null,
      causes text[] not null default '{}',
      effects text[] not null default '{}',
      controls jsonb not null,
      initial_severity text not null,
      initial_likelihood text not null,
      initial_rating int not null check (initial_rating between 1 and 5),
      residual_severity text not null,
      residual_likelihood text not null,
      residual_rating int not null check (residual_rating between 1 and 5),
      status text not null check (status in ('OPEN', 'TRANSFERRED', 'CLOSED')),
      clause_refs text[] not null default '{}',
      constraint hazard_safety_case_id_code_unique unique (safety_case_id, code)
    );`);
    this.addSql(`create index hazard_family_index on hazard (family);`);

    this.addSql(`create table topic (
      id serial primary key,
      vocabulary text not null,
      code varchar(64) not null,
      label text not null,
      constraint topic_vocabulary_code_unique unique (vocabulary, code)
    );`);

    this.addSql(`create table glossary_term (
      id serial primary key,
      term varchar(128) not null unique,
      expansion text not null,
      definition text not null,
      synonyms text[] not null default '{}'
    );`);

    this.addSql(`create table risk_matrix (
      id int primary key,
      content jsonb not null,
      content_hash varchar(64) not null,
      updated_at timestamptz not null
    );`);

    this.addSql(`create table revision (
      id serial primary key,
      document_kind varchar(32) not null,
      document_key varchar(256) not null,
      action text not null,
      content_hash varchar(64) not null,
      previous_hash varchar(64) null,
      summary text not null,
      source varchar(32) not null,
      snapshot jsonb null,
      created_at timestamptz not null
    );`);
    this.addSql(`create index revision_document_kind_document_key_index on revision (document_kind, document_key);`);

    this.addSql(`create table anonymisation_allowance (
      id serial primary key,
      document_kind varchar(32) not null,
      document_key varchar(256) not null,
      text text not null,
      type varchar(32) not null,
      justification text not null,
      created_at timestamptz not null
    );`);

    this.addSql(`create table search_outbox (
      id bigserial primary key,
      document_kind varchar(32) not null,
      document_key varchar(256) not null,
      operation text not null check (operation in ('UPSERT', 'DELETE')),
      enqueued_at timestamptz not null,
      processed_at timestamptz null,
      attempts int not null default 0,
      last_error text null
    );`);
    this.addSql(`create index search_outbox_pending_index on search_outbox (id) where processed_at is null;`);
  }
}
