import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const GuidanceArticleEntity = defineEntity({
  name: 'GuidanceArticle',
  tableName: 'guidance_article',
  properties: {
    id: p.integer().primary().autoincrement(),
    slug: p.string().unique(),
    title: p.text(),
    summary: p.text(),
    body: p.text(),
    topics: p.array().default([]),
    audience: p.array().default([]),
    /** Clause references as written in front matter: "DCB0129 2.3.1". */
    clauseRefs: p.array().default([]),
    relatedGuidance: p.array().default([]),
    relatedBlueprints: p.array().default([]),
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
export type GuidanceArticle = InferEntity<typeof GuidanceArticleEntity>;
