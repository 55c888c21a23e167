import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SafetyCaseEntity = defineEntity({
  name: 'SafetyCase',
  tableName: 'safety_case',
  properties: {
    id: p.integer().primary().autoincrement(),
    slug: p.string().unique(),
    title: p.text(),
    summary: p.text(),
    body: p.text(),
    systemType: p.string(),
    setting: p.string(),
    standardCode: p.string(),
    lifecyclePhase: p.text(),
    organisation: p.text(),
    topics: p.array().default([]),
    clauseRefs: p.array().default([]),
    lastReviewed: p.date(),
    contentHash: p.string(),
    sourcePath: p.string(),
    /** INGEST for content/, REVIEW for contributions published through review. */
    origin: p.string().default('INGEST'),
    published: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type SafetyCase = InferEntity<typeof SafetyCaseEntity>;
