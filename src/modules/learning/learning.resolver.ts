import { Arg, Args, Ctx, Field, FieldResolver, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { publishedNodes, registerNodeFetcher } from '../../graphql/node.resolver.js';
import { DateScalar } from '../../graphql/scalars.js';
import { BlueprintType } from '../blueprints/blueprint.type.js';
import { HazardType } from '../safety-cases/safety-case.type.js';
import { ClauseType } from '../standards/clause.type.js';
import { resolveClauseRefs } from '../standards/resolve-clause-refs.js';
import { EvidenceItemEntity } from './evidence-item.entity.js';
import { InsightPeriod, LearningInsightsFilterInput, LearningInsightsType } from './insights.type.js';
import { LearningInsightsService } from './insights.service.js';
import { EvidenceService, SafetyLearningService } from './learning.service.js';
import { EvidenceItemType, EvidenceStrength, SafetyEventType, SafetyLearningType } from './learning.type.js';
import { SafetyLearningEntity } from './safety-learning.entity.js';

const SafetyLearningConnection = Connection(SafetyLearningType, 'SafetyLearning');
const EvidenceItemConnection = Connection(EvidenceItemType, 'EvidenceItem');

registerNodeFetcher('SafetyLearning', publishedNodes(SafetyLearningEntity, (row, ctx) => SafetyLearningType.from(row, ctx.baseUrl)));
registerNodeFetcher('EvidenceItem', publishedNodes(EvidenceItemEntity, (row, ctx) => EvidenceItemType.from(row, ctx.baseUrl)));

@InputType('SafetyLearningFilter')
class SafetyLearningFilterInput {
  @Field(() => String, { nullable: true, description: 'System type id from the taxonomy.' })
  systemType?: string;
  @Field(() => String, { nullable: true, description: 'Care setting id from the taxonomy.' })
  setting?: string;
  @Field(() => String, { nullable: true, description: 'Hazard family id from the taxonomy.' })
  hazardFamily?: string;
  @Field(() => SafetyEventType, { nullable: true })
  eventType?: SafetyEventType;
  @Field(() => String, { nullable: true, description: 'Topic id from the taxonomy.' })
  topic?: string;
  @Field(() => String, { nullable: true, description: 'A clause reference such as "DCB0160 4.3.1".' })
  clause?: string;
  @Field(() => String, { nullable: true, description: 'A blueprint slug: learnings it would have helped with.' })
  blueprint?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Events in or after this date\'s month.' })
  from?: Date;
  @Field(() => DateScalar, { nullable: true, description: 'Events in or before this date\'s month.' })
  to?: Date;
}

@InputType('EvidenceItemFilter')
class EvidenceItemFilterInput {
  @Field(() => String, { nullable: true })
  systemType?: string;
  @Field(() => String, { nullable: true })
  setting?: string;
  @Field(() => String, { nullable: true, description: 'Only evidence on technology that addresses this hazard family.' })
  hazardFamily?: string;
  @Field(() => EvidenceStrength, { nullable: true })
  strength?: EvidenceStrength;
  @Field(() => String, { nullable: true })
  topic?: string;
}

@Resolver(() => SafetyLearningType)
export class SafetyLearningResolver {
  @Query(() => SafetyLearningType, { nullable: true })
  async safetyLearning(@Arg('slug', () => String) slug: string, @Ctx() ctx: HubContext): Promise<SafetyLearningType | null> {
    const found = await new SafetyLearningService(ctx.em).findBySlug(slug);
    return found ? SafetyLearningType.from(found, ctx.baseUrl) : null;
  }

  @Query(() => SafetyLearningConnection, { description: 'Published safety learnings, newest event first.' })
  async safetyLearnings(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => SafetyLearningFilterInput, { nullable: true }) filter: SafetyLearningFilterInput | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [rows, total] = await new SafetyLearningService(ctx.em).page(window, filter ?? {});
    return toConnection(rows.map((l) => SafetyLearningType.from(l, ctx.baseUrl)), total, window);
  }

  @Query(() => LearningInsightsType, { description: 'Learnings aggregated by hazard family, system type, setting, event type, harm level and period, with harm scores and trends.' })
  async learningInsights(
    @Arg('filter', () => LearningInsightsFilterInput, { nullable: true }) filter: LearningInsightsFilterInput | undefined,
    @Arg('period', () => InsightPeriod, { nullable: true, defaultValue: InsightPeriod.QUARTER }) period: InsightPeriod,
    @Ctx() ctx: HubContext,
  ): Promise<LearningInsightsType> {
    return (await new LearningInsightsService(ctx.em).insights(filter ?? {}, period)) as LearningInsightsType;
  }

  @FieldResolver(() => [ClauseType], { description: 'The clauses the event bears on.' })
  async clauses(@Root() learning: SafetyLearningType, @Ctx() ctx: HubContext): Promise<ClauseType[]> {
    return resolveClauseRefs(learning.clauseRefs, ctx);
  }

  @FieldResolver(() => [BlueprintType], { description: 'Blueprints that would have helped prevent the event or catch it sooner.' })
  async blueprints(@Root() learning: SafetyLearningType, @Ctx() ctx: HubContext): Promise<BlueprintType[]> {
    const rows = await ctx.loaders.learningBlueprintBySlug.loadMany(learning.blueprintSlugs);
    return rows.flatMap((row) => (row && !(row instanceof Error) ? [BlueprintType.from(row, ctx.baseUrl)] : []));
  }

  @FieldResolver(() => [EvidenceItemType], { description: 'Published evidence on technology that addresses this event\'s hazard families.' })
  async evidence(@Root() learning: SafetyLearningType, @Ctx() ctx: HubContext): Promise<EvidenceItemType[]> {
    const lists = await ctx.loaders.evidenceByHazardFamily.loadMany(learning.hazardFamilies);
    const unique = new Map(lists.flatMap((list) => (list instanceof Error ? [] : list)).map((item) => [item.id, item]));
    return [...unique.values()].map((item) => EvidenceItemType.from(item, ctx.baseUrl));
  }
}

@Resolver(() => EvidenceItemType)
export class EvidenceItemResolver {
  @Query(() => EvidenceItemType, { nullable: true })
  async evidenceItem(@Arg('slug', () => String) slug: string, @Ctx() ctx: HubContext): Promise<EvidenceItemType | null> {
    const found = await new EvidenceService(ctx.em).findBySlug(slug);
    return found ? EvidenceItemType.from(found, ctx.baseUrl) : null;
  }

  @Query(() => EvidenceItemConnection, { description: 'Published evidence items, strongest evidence first.' })
  async evidenceItems(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => EvidenceItemFilterInput, { nullable: true }) filter: EvidenceItemFilterInput | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [rows, total] = await new EvidenceService(ctx.em).page(window, filter ?? {});
    return toConnection(rows.map((e) => EvidenceItemType.from(e, ctx.baseUrl)), total, window);
  }
}

/** Adds practice to the hazard log: how many published learnings share a hazard's family. */
@Resolver(() => HazardType)
export class HazardLearningResolver {
  @FieldResolver(() => Int, { description: 'Published safety learnings of this hazard\'s family: how often it has been seen in practice.' })
  async seenInPractice(@Root() hazard: HazardType, @Ctx() ctx: HubContext): Promise<number> {
    return ctx.loaders.learningCountByHazardFamily.load(hazard.family);
  }
}
