import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../graphql/context.js';
import { paths } from '../../graphql/urls.js';
import { Likelihood, RiskAssessmentType, RiskMatrixType, Severity } from './risk.type.js';
import { RiskService } from './risk.service.js';

@Resolver()
export class RiskResolver {
  @Query(() => RiskMatrixType)
  async riskMatrix(@Ctx() ctx: HubContext): Promise<RiskMatrixType> {
    const service = new RiskService(ctx.em);
    const content = await service.matrix();
    return {
      title: content.title,
      summary: content.summary,
      body: content.body,
      url: ctx.baseUrl + paths.riskMatrix(),
      likelihoods: content.likelihoods,
      severities: content.severities,
      ratings: content.ratings,
      cells: service.cells() as RiskMatrixType['cells'],
    };
  }

  @Query(() => RiskAssessmentType, { description: 'The rating and its acceptability for a severity and likelihood.' })
  async assessRisk(
    @Arg('severity', () => Severity) severity: Severity,
    @Arg('likelihood', () => Likelihood) likelihood: Likelihood,
    @Ctx() ctx: HubContext,
  ): Promise<RiskAssessmentType> {
    return (await new RiskService(ctx.em).assess(severity, likelihood)) as RiskAssessmentType;
  }
}
