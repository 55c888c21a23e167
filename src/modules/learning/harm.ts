import type { PhysicalHarm, PsychologicalHarm } from './safety-learning.entity.js';

/**
 * The hub's harm weighting for ranking (not an LFPSE measure): each step up a harm scale counts three times the
 * one below, so one fatal event outweighs many low-harm ones, and psychological harm counts on the same footing
 * as physical harm of the same grade. A learning's score is its physical weight plus its psychological weight.
 */
export const PHYSICAL_HARM_WEIGHTS: Record<PhysicalHarm, number> = { NONE: 0, LOW: 1, MODERATE: 3, SEVERE: 9, FATAL: 27 };
export const PSYCHOLOGICAL_HARM_WEIGHTS: Record<PsychologicalHarm, number> = { NONE: 0, LOW: 1, MODERATE: 3, SEVERE: 9 };

export const PHYSICAL_HARM_LABELS: Record<PhysicalHarm, string> = {
  NONE: 'No physical harm', LOW: 'Low physical harm', MODERATE: 'Moderate physical harm', SEVERE: 'Severe physical harm', FATAL: 'Fatal',
};
export const PSYCHOLOGICAL_HARM_LABELS: Record<PsychologicalHarm, string> = {
  NONE: 'No psychological harm', LOW: 'Low psychological harm', MODERATE: 'Moderate psychological harm', SEVERE: 'Severe psychological harm',
};

export function harmScore(physical: PhysicalHarm, psychological: PsychologicalHarm): number {
  return PHYSICAL_HARM_WEIGHTS[physical] + PSYCHOLOGICAL_HARM_WEIGHTS[psychological];
}

/** The same score as SQL over a `safety_learning` row aliased `alias`, built from the weights above. */
export function harmScoreSql(alias: string): string {
  const cases = (column: string, weights: Record<string, number>) =>
    `(case ${alias}.${column} ${Object.entries(weights).map(([level, weight]) => `when '${level}' then ${weight}`).join(' ')} else 0 end)`;
  return `(${cases('physical_harm', PHYSICAL_HARM_WEIGHTS)} + ${cases('psychological_harm', PSYCHOLOGICAL_HARM_WEIGHTS)})`;
}
