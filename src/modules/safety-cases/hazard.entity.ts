import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SafetyCaseEntity } from './safety-case.entity.js';
import { LIKELIHOODS, SEVERITIES, type Likelihood, type Severity } from '../risk/risk-matrix.js';

export const HAZARD_STATUSES = ['OPEN', 'TRANSFERRED', 'CLOSED'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const CONTROL_TYPES = ['DESIGN', 'TEST', 'TRAINING', 'PROCESS'] as const;
export type ControlType = (typeof CONTROL_TYPES)[number];

export interface HazardControl {
  description: string;
  type: ControlType;
}
export interface RiskContent {
  severity: Severity;
  likelihood: Likelihood;
  rating: number;
}
/** A hazard as written in content (safety cases and hazard log blueprints share this shape). */
export interface HazardContent {
  code: string;
  title: string;
  family: string;
  description: string;
  causes: string[];
  effects: string[];
  controls: HazardControl[];
  initialRisk: RiskContent;
  residualRisk: RiskContent;
  status: HazardStatus;
  clauses?: string[];
}

export const HazardEntity = defineEntity({
  name: 'Hazard',
  tableName: 'hazard',
  properties: {
    id: p.integer().primary().autoincrement(),
    safetyCase: p.manyToOne(SafetyCaseEntity),
    position: p.integer(),
    code: p.string(),
    title: p.text(),
    family: p.string(),
    description: p.text(),
    causes: p.array().default([]),
    effects: p.array().default([]),
    controls: p.json<HazardControl[]>(),
    initialSeverity: p.enum([...SEVERITIES]),
    initialLikelihood: p.enum([...LIKELIHOODS]),
    initialRating: p.integer(),
    residualSeverity: p.enum([...SEVERITIES]),
    residualLikelihood: p.enum([...LIKELIHOODS]),
    residualRating: p.integer(),
    status: p.enum([...HAZARD_STATUSES]),
    clauseRefs: p.array().default([]),
  },
  uniques: [{ properties: ['safetyCase', 'code'] }],
});
export type Hazard = InferEntity<typeof HazardEntity>;
/** A hazard as read for presenting: a managed entity, or a plain row naming its safety case by id only. */
export type HazardRecord = Omit<Hazard, 'safetyCase'> & { safetyCase: { id: number } };
