/**
 * The risk scheme of the DCB0129/DCB0160 implementation guidance. The category ids and the 5x5 mapping are
 * fixed here because the API's enums depend on them; their wording comes from content/risk-matrix.md, and
 * ingest refuses a matrix file that disagrees with this table.
 */
export const SEVERITIES = ['MINOR', 'SIGNIFICANT', 'CONSIDERABLE', 'MAJOR', 'CATASTROPHIC'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const LIKELIHOODS = ['VERY_LOW', 'LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

const RATINGS: Record<Likelihood, readonly number[]> = {
  //           MINOR SIGNIFICANT CONSIDERABLE MAJOR CATASTROPHIC
  VERY_HIGH: [3, 4, 4, 5, 5],
  HIGH: [2, 3, 3, 4, 5],
  MEDIUM: [2, 2, 3, 3, 4],
  LOW: [1, 2, 2, 3, 4],
  VERY_LOW: [1, 1, 2, 2, 3],
};

export function riskRating(severity: Severity, likelihood: Likelihood): number {
  return RATINGS[likelihood][SEVERITIES.indexOf(severity)];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
export function isLikelihood(value: unknown): value is Likelihood {
  return typeof value === 'string' && (LIKELIHOODS as readonly string[]).includes(value);
}
