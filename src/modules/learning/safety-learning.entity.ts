import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** LFPSE event types (NHS England, "Policy guidance on recording patient safety events and levels of harm"). */
export const EVENT_TYPES = ['INCIDENT', 'RISK', 'OUTCOME', 'GOOD_CARE'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** LFPSE grades physical and psychological harm separately; psychological harm has no "fatal" level. */
export const PHYSICAL_HARM_LEVELS = ['NONE', 'LOW', 'MODERATE', 'SEVERE', 'FATAL'] as const;
export type PhysicalHarm = (typeof PHYSICAL_HARM_LEVELS)[number];
export const PSYCHOLOGICAL_HARM_LEVELS = ['NONE', 'LOW', 'MODERATE', 'SEVERE'] as const;
export type PsychologicalHarm = (typeof PSYCHOLOGICAL_HARM_LEVELS)[number];
/** INGEST: from content/learning/; IMPORT: from a CSV export of safety event records. */
export const LEARNING_ORIGINS = ['INGEST', 'IMPORT'] as const;
export type LearningOrigin = (typeof LEARNING_ORIGINS)[number];

/** An anonymised account of a patient safety event involving a digital system, and what it taught. */
export const SafetyLearningEntity = defineEntity({
  name: 'SafetyLearning',
  tableName: 'safety_learning',
  properties: {
    id: p.integer().primary().autoincrement(),
    slug: p.string().unique(),
    title: p.text(),
    summary: p.text(),
    eventType: p.enum([...EVENT_TYPES]),
    physicalHarm: p.enum([...PHYSICAL_HARM_LEVELS]),
    psychologicalHarm: p.enum([...PSYCHOLOGICAL_HARM_LEVELS]),
    systemType: p.string(),
    setting: p.string(),
    /** First day of the month the event happened: accounts keep no finer date, so they cannot point at a person. */
    occurredOn: p.date(),
    whatHappened: p.text(),
    whyItHappened: p.text(),
    whatWasLearned: p.text(),
    whatChanged: p.text(),
    hazardFamilies: p.array().default([]),
    clauseRefs: p.array().default([]),
    /** Blueprint slugs that would have helped prevent the event or catch it sooner. */
    blueprints: p.array().default([]),
    topics: p.array().default([]),
    lastReviewed: p.date(),
    contentHash: p.string(),
    /** `learning/<slug>.md`, or `<file>.csv row N` for an imported record. */
    sourcePath: p.string(),
    origin: p.enum([...LEARNING_ORIGINS]).default('INGEST'),
    published: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type SafetyLearning = InferEntity<typeof SafetyLearningEntity>;
