import { Arg, Args, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { ClauseType } from '../standards/clause.type.js';
import { resolveClauseRefs } from '../standards/resolve-clause-refs.js';
import { HazardType, SafetyCaseType } from './safety-case.type.js';
import { SafetyCasesService } from './safety-cases.service.js';

const SafetyCaseConnection = Connection(SafetyCaseType, 'SafetyCase');

@InputType()
class SafetyCaseFilterInput {
  @Field(() => String, { nullable: true })
  systemType?: string;
  @Field(() => String, { nullable: true })
  setting?: string;
  @Field(() => String, { nullable: true, description: 'DCB0129 or DCB0160.' })
  standard?: string;
  @Field(() => String, { nullable: true })
  topic?: string;
  @Field(() => String, { nullable: true, description: 'Only cases with a hazard of this family.' })
  hazardFamily?: string;
}

@Resolver(() => SafetyCaseType)
export class SafetyCaseResolver {
  @Query(() => SafetyCaseType, { nullable: true })
  async safetyCase(@Arg('slug', () => String) slug: string, @Ctx() ctx: HubContext): Promise<SafetyCaseType | null> {
    const found = await new SafetyCasesService(ctx.em).findBySlug(slug);
    return found ? SafetyCaseType.from(found, ctx.baseUrl) : null;
  }

  @Query(() => SafetyCaseConnection)
  async safetyCases(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => SafetyCaseFilterInput, { nullable: true }) filter: SafetyCaseFilterInput | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [rows, total] = await new SafetyCasesService(ctx.em).page(window, filter ?? {});
    return toConnection(rows.map((c) => SafetyCaseType.from(c, ctx.baseUrl)), total, window);
  }

  @FieldResolver(() => [HazardType], { description: 'The hazard log, in order.' })
  async hazards(@Root() safetyCase: SafetyCaseType, @Ctx() ctx: HubContext): Promise<HazardType[]> {
    const hazards = await ctx.loaders.hazardsBySafetyCaseId.load(safetyCase.dbId);
    return hazards.map((h) => HazardType.from(h, safetyCase.slug, safetyCase.updatedAt, ctx.baseUrl));
  }

  @FieldResolver(() => [ClauseType])
  async clauses(@Root() safetyCase: SafetyCaseType, @Ctx() ctx: HubContext): Promise<ClauseType[]> {
    return resolveClauseRefs(safetyCase.clauseRefs, ctx);
  }
}

@Resolver(() => HazardType)
export class HazardResolver {
  @FieldResolver(() => SafetyCaseType)
  async safetyCase(@Root() hazard: HazardType, @Ctx() ctx: HubContext): Promise<SafetyCaseType | null> {
    const found = await ctx.loaders.safetyCaseById.load(hazard.safetyCaseId);
    return found ? SafetyCaseType.from(found, ctx.baseUrl) : null;
  }

  @FieldResolver(() => [ClauseType])
  async clauses(@Root() hazard: HazardType, @Ctx() ctx: HubContext): Promise<ClauseType[]> {
    return resolveClauseRefs(hazard.clauseRefs, ctx);
  }
}
