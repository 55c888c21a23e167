import { Migration } from '@mikro-orm/migrations';

/** Safety learnings (from content/learning/ and CSV imports) and evidence items, for the insight queries. */
export class Migration20261123000740_learning extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table safety_learning (
      id serial primary key,
      slug varchar(160) not null unique,
      title text not null,
      summary text not null,
      event_type text not null check (event_type in ('INCIDENT', 'RISK', 'OUTCOME', 'GOOD_CARE')),
      physical_harm text not null check (physical_harm in ('NONE', 'LOW', 'MODERATE', 'SEVERE', 'FATAL')),
      psychological_harm text not null check (psychological_harm in ('NONE', 'LOW', 'MODERATE', 'SEVERE')),
      system_type varchar(64) not null,
      setting varchar(64) not null,
      occurred_on date not null check (extract(day from occurred_on) = 1),
      what_happened text not null,
      why_it_happened text not null,
      what_was_learned text not null,
      what_changed text not null,
      hazard_families text[] not null default '{}',
      clause_refs text[] not null default '{}',
      blueprints text[] not null default '{}',
      topics text[] not null default '{}',
      last_reviewed date not null,
      content_hash varchar(64) not null,
      source_path varchar(512) not null,
      origin varchar(16) not null default 'INGEST' check (origin in ('INGEST', 'IMPORT')),
      published boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);
    this.addSql(`create index safety_learning_hazard_families_index on safety_learning using gin (hazard_families);`);
    this.addSql(`create index safety_learning_occurred_on_index on safety_learning (occurred_on) where published;`);

    this.addSql(`create table evidence_item (
      id serial primary key,
      slug varchar(160) not null unique,
      title text not null,
      summary text not null,
      body text not null,
      intervention text not null,
      system_type varchar(64) null,
      setting varchar(64) null,
      outcome_measure text not null,
      effect text not null,
      effect_direction text not null check (effect_direction in ('REDUCED_HARM', 'MIXED', 'NO_CLEAR_EFFECT', 'INCREASED_HARM')),
      strength text not null check (strength in ('HIGH', 'MODERATE', 'LOW', 'VERY_LOW')),
      study_design text not null,
      source_citation text not null,
      source_year int not null,
      source_url text null,
      hazard_families text[] not null default '{}',
      topics text[] not null default '{}',
      last_reviewed date not null,
      content_hash varchar(64) not null,
      source_path varchar(512) not null,
      published boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists evidence_item;`);
    this.addSql(`drop table if exists safety_learning;`);
  }
}
