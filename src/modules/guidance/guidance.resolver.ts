import { Arg, Args, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { ClauseType } from '../standards/clause.type.js';
import { resolveClauseRefs } from '../standards/resolve-clause-refs.js';
import { GuidanceArticleType } from './guidance-article.type.js';
import { GuidanceService } from './guidance.service.js';

const GuidanceConnection = Connection(GuidanceArticleType, 'GuidanceArticle');

@InputType()
class GuidanceFilterInput {
  @Field(() => String, { nullable: true, description: 'A topic id from the taxonomy, e.g. "hazard-log".' })
  topic?: string;
  @Field(() => String, { nullable: true, description: 'A clause reference such as "DCB0129 2.3.1".' })
  clause?: string;
}

@Resolver(() => GuidanceArticleType)
export class GuidanceResolver {
  @Query(() => GuidanceArticleType, { nullable: true })
  async guidance(@Arg('slug', () => String) slug: string, @Ctx() ctx: HubContext): Promise<GuidanceArticleType | null> {
    const article = await new GuidanceService(ctx.em).findBySlug(slug);
    return article ? GuidanceArticleType.from(article, ctx.baseUrl) : null;
  }

  @Query(() => GuidanceConnection)
  async guidanceArticles(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => GuidanceFilterInput, { nullable: true }) filter: GuidanceFilterInput | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [rows, total] = await new GuidanceService(ctx.em).page(window, filter ?? {});
    return toConnection(rows.map((a) => GuidanceArticleType.from(a, ctx.baseUrl)), total, window);
  }

  @FieldResolver(() => [ClauseType], { description: 'The clauses this article explains.' })
  async clauses(@Root() article: GuidanceArticleType, @Ctx() ctx: HubContext): Promise<ClauseType[]> {
    return resolveClauseRefs(article.clauseRefs, ctx);
  }

  @FieldResolver(() => [GuidanceArticleType])
  async relatedGuidance(@Root() article: GuidanceArticleType, @Ctx() ctx: HubContext): Promise<GuidanceArticleType[]> {
    if (article.relatedGuidanceSlugs.length === 0) return [];
    const rows = await ctx.loaders.guidanceBySlug.loadMany(article.relatedGuidanceSlugs);
    return rows.flatMap((a) => (a && !(a instanceof Error) ? [GuidanceArticleType.from(a, ctx.baseUrl)] : []));
  }
}
