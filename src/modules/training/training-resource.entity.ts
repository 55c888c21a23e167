import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { COMPETENCY_LEVELS } from '../competencies/competency-levels.js';

/** How a resource is taken: what a CSO needs to know to fit it into a week. */
export const TRAINING_FORMATS = ['E_LEARNING', 'LIVE_COURSE', 'BLENDED_PROGRAMME', 'READING', 'TOOLKIT', 'COMMUNITY', 'WORK_BASED'] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

/** A course or resource in the training catalogue (content/training/<slug>.md), described in the hub's words. */
export const TrainingResourceEntity = defineEntity({
  name: 'TrainingResource',
  tableName: 'training_resource',
  properties: {
    id: p.integer().primary().autoincrement(),
    slug: p.string().unique(),
    title: p.text(),
    summary: p.text(),
    body: p.text(),
    provider: p.text(),
    format: p.enum([...TRAINING_FORMATS]),
    level: p.enum([...COMPETENCY_LEVELS]),
    /** Framework competency ids the resource helps with. */
    competencies: p.array().default([]),
    cost: p.text().nullable(),
    duration: p.text().nullable(),
    externalUrl: p.text().nullable(),
    topics: p.array().default([]),
    lastReviewed: p.date(),
    contentHash: p.string(),
    sourcePath: p.string(),
    published: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type TrainingResource = InferEntity<typeof TrainingResourceEntity>;
