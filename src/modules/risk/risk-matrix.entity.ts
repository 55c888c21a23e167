import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export interface RiskCategoryContent {
  id: string;
  label: string;
  definition: string;
}
export interface RiskRatingContent {
  rating: number;
  label: string;
  acceptability: string;
}
export interface RiskMatrixContent {
  title: string;
  summary: string;
  /** YYYY-MM-DD; absent in rows stored before it was recorded. */
  lastReviewed?: string;
  body: string;
  likelihoods: RiskCategoryContent[];
  severities: RiskCategoryContent[];
  ratings: RiskRatingContent[];
}

/** The wording of the risk scheme as published in content/risk-matrix.md (a single row). */
export const RiskMatrixEntity = defineEntity({
  name: 'RiskMatrix',
  tableName: 'risk_matrix',
  properties: {
    id: p.integer().primary(),
    content: p.json<RiskMatrixContent>(),
    contentHash: p.string(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type RiskMatrix = InferEntity<typeof RiskMatrixEntity>;
