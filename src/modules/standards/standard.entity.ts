import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One edition of a standard; a revised edition is a new row beside the old one (same code, new version). */
export const StandardEntity = defineEntity({
  name: 'Standard',
  tableName: 'standard',
  properties: {
    id: p.integer().primary().autoincrement(),
    code: p.string(),
    version: p.string(),
    guidanceVersion: p.string().nullable(),
    amendment: p.string().nullable(),
    title: p.text(),
    summary: p.text(),
    appliesTo: p.text(),
    body: p.text(),
    topics: p.array().default([]),
    publishedOn: p.date(),
    effectiveFrom: p.date().nullable(),
    lastReviewed: p.date(),
    contentHash: p.string(),
    sourcePath: p.string(),
    published: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['code', 'version'] }],
});
export type Standard = InferEntity<typeof StandardEntity>;
