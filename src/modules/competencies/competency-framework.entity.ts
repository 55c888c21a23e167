import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CompetencyLevel, PillarId } from './competency-levels.js';

export interface LevelDescriptorContent {
  descriptor: string;
  indicators: string[];
}

export interface CompetencyContent {
  id: string;
  title: string;
  summary: string;
  /** Guidance article slugs. */
  guidance: string[];
  /** Training resource slugs. */
  training: string[];
  levels: Record<CompetencyLevel, LevelDescriptorContent>;
}

export interface PillarContent {
  id: PillarId;
  title: string;
  summary: string;
  /** The pillar's own guidance article. */
  guidance: string;
  competencies: CompetencyContent[];
}

export interface CompetencyFrameworkContent {
  title: string;
  summary: string;
  lastReviewed: string;
  /** Markdown. */
  body: string;
  levels: { id: CompetencyLevel; label: string; definition: string }[];
  pillars: PillarContent[];
}

/**
 * The competency framework as published in content/competencies.md (a single row). It is small and always read
 * whole, so it is kept as one document rather than spread over tables.
 */
export const CompetencyFrameworkEntity = defineEntity({
  name: 'CompetencyFramework',
  tableName: 'competency_framework',
  properties: {
    id: p.integer().primary(),
    content: p.json<CompetencyFrameworkContent>(),
    contentHash: p.string(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type CompetencyFramework = InferEntity<typeof CompetencyFrameworkEntity>;
