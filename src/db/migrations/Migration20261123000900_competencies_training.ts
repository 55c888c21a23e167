import { Migration } from '@mikro-orm/migrations';

/** The CSO competency framework (content/competencies.md, one row) and the training catalogue (content/training/). */
export class Migration20261123000900_competencies_training extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table competency_framework (
      id int primary key check (id = 1),
      content jsonb not null,
      content_hash varchar(64) not null,
      updated_at timestamptz not null
    );`);

    this.addSql(`create table training_resource (
      id serial primary key,
      slug varchar(160) not null unique,
      title text not null,
      summary text not null,
      body text not null,
      provider text not null,
      format text not null check (format in ('E_LEARNING', 'LIVE_COURSE', 'BLENDED_PROGRAMME', 'READING', 'TOOLKIT', 'COMMUNITY', 'WORK_BASED')),
      level text not null check (level in ('FOUNDATION', 'PRACTITIONER', 'EXPERT')),
      competencies text[] not null default '{}',
      cost text null,
      duration text null,
      external_url text null,
      topics text[] not null default '{}',
      last_reviewed date not null,
      content_hash varchar(64) not null,
      source_path varchar(512) not null,
      published boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);
    this.addSql(`create index training_resource_competencies_index on training_resource using gin (competencies);`);
  }
}
