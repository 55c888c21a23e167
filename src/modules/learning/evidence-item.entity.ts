import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** How much confidence the evidence deserves, in GRADE's four levels. */
export const EVIDENCE_STRENGTHS = ['HIGH', 'MODERATE', 'LOW', 'VERY_LOW'] as const;
export type EvidenceStrength = (typeof EVIDENCE_STRENGTHS)[number];
export const STUDY_DESIGNS = [
  'SYSTEMATIC_REVIEW', 'RANDOMISED_TRIAL', 'CONTROLLED_BEFORE_AFTER', 'INTERRUPTED_TIME_SERIES', 'BEFORE_AFTER', 'COHORT', 'CASE_SERIES', 'MODELLING', 'GUIDELINE',
] as const;
export type StudyDesign = (typeof STUDY_DESIGNS)[number];
/** Which way the published effect points: evidence that found no benefit is kept, not filtered out. */
export const EFFECT_DIRECTIONS = ['REDUCED_HARM', 'MIXED', 'NO_CLEAR_EFFECT', 'INCREASED_HARM'] as const;
export type EffectDirection = (typeof EFFECT_DIRECTIONS)[number];

/** Published evidence that a technology changed patient harm, paraphrased, with its source named. */
export const EvidenceItemEntity = defineEntity({
  name: 'EvidenceItem',
  tableName: 'evidence_item',
  properties: {
    id: p.integer().primary().autoincrement(),
    slug: p.string().unique(),
    title: p.text(),
    summary: p.text(),
    body: p.text(),
    intervention: p.text(),
    systemType: p.string().nullable(),
    setting: p.string().nullable(),
    outcomeMeasure: p.text(),
    effect: p.text(),
    effectDirection: p.enum([...EFFECT_DIRECTIONS]),
    strength: p.enum([...EVIDENCE_STRENGTHS]),
    studyDesign: p.enum([...STUDY_DESIGNS]),
    sourceCitation: p.text(),
    sourceYear: p.integer(),
    sourceUrl: p.text().nullable(),
    hazardFamilies: p.array().default([]),
    topics: p.array().default([]),
    lastReviewed: p.date(),
    contentHash: p.string(),
    sourcePath: p.string(),
    published: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type EvidenceItem = InferEntity<typeof EvidenceItemEntity>;
