import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One row of the append-only audit log. Each entry carries the hash of the one before it, so removing or
 * editing any entry breaks the chain; the database itself refuses UPDATE, DELETE and TRUNCATE on the table.
 */
export const AuditEntryEntity = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_log',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime(),
    /** Null for the hub's own actors (ingest, the command line). */
    actorKeyId: p.integer().nullable(),
    actorName: p.string(),
    actorRole: p.string(),
    action: p.string(),
    targetKind: p.string(),
    targetKey: p.string(),
    beforeHash: p.string().nullable(),
    afterHash: p.string().nullable(),
    summary: p.text().nullable(),
    prevHash: p.string(),
    entryHash: p.string().unique(),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntryEntity>;
