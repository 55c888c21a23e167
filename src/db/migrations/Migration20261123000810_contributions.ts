import { Migration } from '@mikro-orm/migrations';

/**
 * API keys and the submission workflow. Guidance articles and blueprint versions gain the `origin` that safety
 * cases already have, so ingest can tell a document it loaded from one an editor published through review.
 */
export class Migration20261123000810_contributions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table api_key (
      id serial primary key,
      prefix varchar(32) not null,
      secret_hash varchar(64) not null,
      role text not null check (role in ('CONTRIBUTOR', 'EDITOR', 'ADMIN')),
      name varchar(200) not null,
      created_at timestamptz not null,
      revoked_at timestamptz null,
      constraint api_key_prefix_unique unique (prefix)
    );`);

    this.addSql(`create table submission (
      id serial primary key,
      kind text not null check (kind in ('SAFETY_CASE', 'GUIDANCE_CORRECTION', 'BLUEPRINT_VERSION')),
      status text not null check (status in ('DRAFT', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED')),
      target_key varchar(256) not null,
      title text not null,
      payload jsonb not null,
      content_hash varchar(64) not null,
      base_version varchar(64) null,
      author_key_id int not null references api_key (id),
      revision int not null default 1,
      published_revision_id int null references revision (id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);
    this.addSql(`create index submission_author_key_id_index on submission (author_key_id);`);
    this.addSql(`create index submission_status_index on submission (status);`);

    this.addSql(`create table submission_review (
      id serial primary key,
      submission_id int not null references submission (id) on delete cascade,
      reviewer_key_id int not null references api_key (id),
      decision text not null check (decision in ('APPROVE', 'REQUEST_CHANGES', 'REJECT')),
      comment text null,
      submission_revision int not null,
      created_at timestamptz not null
    );`);
    this.addSql(`create index submission_review_submission_id_index on submission_review (submission_id);`);

    this.addSql(`alter table guidance_article add column origin varchar(16) not null default 'INGEST';`);
    this.addSql(`alter table blueprint_version add column origin varchar(16) not null default 'INGEST';`);
  }
}
