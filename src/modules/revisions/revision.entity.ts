import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const REVISION_ACTIONS = ['CREATED', 'UPDATED', 'UNPUBLISHED', 'REPUBLISHED'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

/** Every stored change of every document appends one row; rows are never updated. */
export const RevisionEntity = defineEntity({
  name: 'Revision',
  tableName: 'revision',
  properties: {
    id: p.integer().primary().autoincrement(),
    documentKind: p.string(),
    documentKey: p.string(),
    action: p.enum([...REVISION_ACTIONS]),
    contentHash: p.string(),
    previousHash: p.string().nullable(),
    summary: p.text(),
    source: p.string(),
    snapshot: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['documentKind', 'documentKey'] }],
});
export type Revision = InferEntity<typeof RevisionEntity>;
