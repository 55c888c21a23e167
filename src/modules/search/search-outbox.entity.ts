import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Pending changes for an external search index, written in the same transaction as the content change so the
 * index can never miss one; a drain worker applies and marks them.
 */
export const SearchOutboxEntity = defineEntity({
  name: 'SearchOutbox',
  tableName: 'search_outbox',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    documentKind: p.string(),
    documentKey: p.string(),
    operation: p.enum(['UPSERT', 'DELETE'] as const),
    enqueuedAt: p.datetime().onCreate(() => new Date()),
    processedAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
  },
});
export type SearchOutbox = InferEntity<typeof SearchOutboxEntity>;
