import type { Em } from '../../db/createOrm.js';
import { errors } from '../../graphql/errors.js';
import { RiskMatrixEntity, type RiskMatrixContent } from './risk-matrix.entity.js';
import { LIKELIHOODS, SEVERITIES, riskRating, type Likelihood, type Severity } from './risk-matrix.js';

export class RiskService {
  constructor(private readonly em: Em) {}

  async matrix(): Promise<RiskMatrixContent> {
    const row = await this.em.findOne(RiskMatrixEntity, { id: 1 });
    if (!row) throw errors.unavailable('The risk matrix has not been loaded yet; run `dcs-hub ingest`');
    return row.content;
  }

  cells(): { likelihood: Likelihood; severity: Severity; rating: number }[] {
    return LIKELIHOODS.flatMap((likelihood) => SEVERITIES.map((severity) => ({ likelihood, severity, rating: riskRating(severity, likelihood) })));
  }

  async assess(severity: Severity, likelihood: Likelihood) {
    const rating = riskRating(severity, likelihood);
    const level = (await this.matrix()).ratings.find((r) => r.rating === rating);
    return { severity, likelihood, rating, label: level?.label ?? `Rating ${rating}`, acceptability: level?.acceptability ?? '' };
  }
}
