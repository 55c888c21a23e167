import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context.js';
import { GuidanceArticleType } from '../guidance/guidance-article.type.js';
import { TrainingResourceType } from '../training/training.type.js';
import { CompetencyFrameworkType, CompetencyPillarType, CompetencyType } from './competency.type.js';
import { SelfAssessmentService } from './self-assessment.service.js';
import { SelfAssessmentInput, SelfAssessmentType } from './self-assessment.type.js';

@Resolver(() => CompetencyFrameworkType)
export class CompetencyFrameworkResolver {
  @Query(() => CompetencyFrameworkType, { nullable: true, description: 'The CSO competency framework: five pillars, their competencies, levels and indicators.' })
  async competencyFramework(@Ctx() ctx: HubContext): Promise<CompetencyFrameworkType | null> {
    const framework = await ctx.loaders.competencyFramework.load(1);
    return framework ? CompetencyFrameworkType.from(framework.content) : null;
  }

  @Query(() => SelfAssessmentType, {
    description: 'Compare your own ratings with a target level: strengths, gaps with what to work towards, and suggested training and guidance. Needs no key; nothing is stored.',
  })
  async selfAssessment(@Arg('input', () => SelfAssessmentInput) input: SelfAssessmentInput, @Ctx() ctx: HubContext): Promise<SelfAssessmentType> {
    const result = await new SelfAssessmentService(ctx.em).assess({
      ratings: input.ratings.map((r) => ({ competency: r.competency, level: r.level ?? null })),
      targetLevel: input.targetLevel,
    });
    return SelfAssessmentType.from(result, ctx.baseUrl);
  }
}

@Resolver(() => CompetencyType)
export class CompetencyResolver {
  @Query(() => CompetencyType, { nullable: true, description: 'One competency by its id, e.g. competency(slug: "hazard-analysis-methods").' })
  async competency(@Arg('slug', () => String) slug: string, @Ctx() ctx: HubContext): Promise<CompetencyType | null> {
    const placed = (await ctx.loaders.competencyFramework.load(1))?.find(slug);
    return placed ? CompetencyType.from(placed.competency, placed.pillar, placed.position) : null;
  }

  @FieldResolver(() => [GuidanceArticleType], { description: 'Guidance articles that explain the competency.' })
  async guidance(@Root() competency: CompetencyType, @Ctx() ctx: HubContext): Promise<GuidanceArticleType[]> {
    const rows = await ctx.loaders.frameworkGuidanceBySlug.loadMany(competency.guidanceSlugs);
    return rows.flatMap((row) => (row && !(row instanceof Error) ? [GuidanceArticleType.from(row, ctx.baseUrl)] : []));
  }

  @FieldResolver(() => [TrainingResourceType], { description: 'Training resources in the catalogue that help with the competency.' })
  async training(@Root() competency: CompetencyType, @Ctx() ctx: HubContext): Promise<TrainingResourceType[]> {
    const rows = await ctx.loaders.trainingBySlug.loadMany(competency.trainingSlugs);
    return rows.flatMap((row) => (row && !(row instanceof Error) ? [TrainingResourceType.from(row, ctx.baseUrl)] : []));
  }
}

@Resolver(() => CompetencyPillarType)
export class CompetencyPillarResolver {
  @FieldResolver(() => GuidanceArticleType, { nullable: true, description: 'The pillar\'s guidance article.' })
  async guidance(@Root() pillar: CompetencyPillarType, @Ctx() ctx: HubContext): Promise<GuidanceArticleType | null> {
    const row = await ctx.loaders.frameworkGuidanceBySlug.load(pillar.guidanceSlug);
    return row ? GuidanceArticleType.from(row, ctx.baseUrl) : null;
  }
}
