import { Arg, Args, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { publishedNodes, registerNodeFetcher } from '../../graphql/node.resolver.js';
import { CompetencyLevel, CompetencyType } from '../competencies/competency.type.js';
import { TrainingResourceEntity } from './training-resource.entity.js';
import { TrainingService } from './training.service.js';
import { TrainingFormat, TrainingResourceType } from './training.type.js';

const TrainingResourceConnection = Connection(TrainingResourceType, 'TrainingResource');

registerNodeFetcher('TrainingResource', publishedNodes(TrainingResourceEntity, (row, ctx) => TrainingResourceType.from(row, ctx.baseUrl)));

@InputType('TrainingResourceFilter')
class TrainingResourceFilterInput {
  @Field(() => String, { nullable: true, description: 'A framework competency id: resources that cover it.' })
  competency?: string;
  @Field(() => CompetencyLevel, { nullable: true })
  level?: CompetencyLevel;
  @Field(() => TrainingFormat, { nullable: true })
  format?: TrainingFormat;
  @Field(() => String, { nullable: true, description: 'Topic id from the taxonomy.' })
  topic?: string;
  @Field(() => String, { nullable: true, description: 'Part of the provider\'s name, e.g. "NHS England".' })
  provider?: string;
}

@Resolver(() => TrainingResourceType)
export class TrainingResourceResolver {
  @Query(() => TrainingResourceType, { nullable: true })
  async trainingResource(@Arg('slug', () => String) slug: string, @Ctx() ctx: HubContext): Promise<TrainingResourceType | null> {
    const found = await new TrainingService(ctx.em).findBySlug(slug);
    return found ? TrainingResourceType.from(found, ctx.baseUrl) : null;
  }

  @Query(() => TrainingResourceConnection, { description: 'The training catalogue in title order. Full-text search over it is `search(filter: { kind: [TRAINING] })`.' })
  async trainingResources(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => TrainingResourceFilterInput, { nullable: true }) filter: TrainingResourceFilterInput | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [rows, total] = await new TrainingService(ctx.em).page(window, filter ?? {});
    return toConnection(rows.map((r) => TrainingResourceType.from(r, ctx.baseUrl)), total, window);
  }

  @FieldResolver(() => [CompetencyType], { description: 'The framework competencies the resource helps with.' })
  async competencies(@Root() resource: TrainingResourceType, @Ctx() ctx: HubContext): Promise<CompetencyType[]> {
    const framework = await ctx.loaders.competencyFramework.load(1);
    return resource.competencySlugs.flatMap((slug) => {
      const placed = framework?.find(slug);
      return placed ? [CompetencyType.from(placed.competency, placed.pillar, placed.position)] : [];
    });
  }
}
