import { Migration } from '@mikro-orm/migrations';

/**
 * The append-only audit log. Each entry holds the hash of the entry before it (see src/modules/audit); the
 * triggers make the database refuse to change history, so only a superuser who disables them can.
 */
export class Migration20261123000800_audit_log extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor_key_id int null,
      actor_name text not null,
      actor_role varchar(32) not null,
      action varchar(64) not null,
      target_kind varchar(32) not null,
      target_key varchar(512) not null,
      before_hash varchar(64) null,
      after_hash varchar(64) null,
      summary text null,
      prev_hash varchar(64) not null,
      entry_hash varchar(64) not null,
      constraint audit_log_entry_hash_unique unique (entry_hash)
    );`);
    this.addSql(`create index audit_log_target_index on audit_log (target_kind, target_key);`);
    this.addSql(`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % is refused', tg_op using errcode = 'P0001';
      end $$;`);
    this.addSql(`create trigger audit_log_no_update_delete before update or delete on audit_log
      for each row execute function audit_log_append_only();`);
    this.addSql(`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();`);
  }
}
