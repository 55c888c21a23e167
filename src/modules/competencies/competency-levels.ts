/**
 * The framework's three levels, lowest first. Self-assessment, the register and mentor matching all compare
 * levels by this order, so it is the one place the order is defined.
 */
export const COMPETENCY_LEVELS = ['FOUNDATION', 'PRACTITIONER', 'EXPERT'] as const;
export type CompetencyLevel = (typeof COMPETENCY_LEVELS)[number];

/** The five pillars the profession asked for; the framework file must describe each exactly once. */
export const PILLAR_IDS = ['communication', 'leadership', 'professionalism', 'knowledge', 'business-skills'] as const;
export type PillarId = (typeof PILLAR_IDS)[number];

/** 1 for FOUNDATION up to 3 for EXPERT; 0 for "not yet at foundation". */
export function levelRank(level: CompetencyLevel | null | undefined): number {
  return level ? COMPETENCY_LEVELS.indexOf(level) + 1 : 0;
}

export function isCompetencyLevel(value: string): value is CompetencyLevel {
  return (COMPETENCY_LEVELS as readonly string[]).includes(value);
}
