import { Arg, Args, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { errors } from '../../graphql/errors.js';
import { ClauseType } from '../standards/clause.type.js';
import { resolveClauseRefs } from '../standards/resolve-clause-refs.js';
import { BlueprintKind, BlueprintType, BlueprintVersionType } from './blueprint.type.js';
import { BlueprintsService } from './blueprints.service.js';

const BlueprintConnection = Connection(BlueprintType, 'Blueprint');

@InputType()
class BlueprintFilterInput {
  @Field(() => BlueprintKind, { nullable: true })
  kind?: BlueprintKind;
  @Field(() => String, { nullable: true })
  topic?: string;
  @Field(() => String, { nullable: true, description: 'A clause reference such as "DCB0160 3.5.1".' })
  clause?: string;
}

@Resolver(() => BlueprintType)
export class BlueprintResolver {
  @Query(() => BlueprintType, { nullable: true })
  async blueprint(@Arg('slug', () => String) slug: string, @Ctx() ctx: HubContext): Promise<BlueprintType | null> {
    const found = await new BlueprintsService(ctx.em).findBySlug(slug);
    return found ? BlueprintType.from(found, ctx.baseUrl) : null;
  }

  @Query(() => BlueprintConnection)
  async blueprints(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => BlueprintFilterInput, { nullable: true }) filter: BlueprintFilterInput | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [rows, total] = await new BlueprintsService(ctx.em).page(window, filter ?? {});
    return toConnection(rows.map((b) => BlueprintType.from(b, ctx.baseUrl)), total, window);
  }

  @FieldResolver(() => [BlueprintVersionType], { description: 'Published versions, newest first.' })
  async versions(@Root() blueprint: BlueprintType, @Ctx() ctx: HubContext): Promise<BlueprintVersionType[]> {
    const versions = await ctx.loaders.blueprintVersions.load(blueprint.dbId);
    return versions.map((v) => BlueprintVersionType.from(v, blueprint.slug));
  }

  @FieldResolver(() => BlueprintVersionType)
  async latest(@Root() blueprint: BlueprintType, @Ctx() ctx: HubContext): Promise<BlueprintVersionType> {
    return this.version(blueprint, blueprint.latestVersion, ctx);
  }

  @FieldResolver(() => BlueprintVersionType, { description: 'One version by number, or "latest".' })
  async version(
    @Root() blueprint: BlueprintType,
    @Arg('version', () => String) version: string,
    @Ctx() ctx: HubContext,
  ): Promise<BlueprintVersionType> {
    const wanted = version === 'latest' ? blueprint.latestVersion : version;
    const found = (await ctx.loaders.blueprintVersions.load(blueprint.dbId)).find((v) => v.version === wanted);
    if (!found) throw errors.notFound(`Version of blueprint ${blueprint.slug}`, version);
    return BlueprintVersionType.from(found, blueprint.slug);
  }
}

@Resolver(() => BlueprintVersionType)
export class BlueprintVersionResolver {
  @FieldResolver(() => [ClauseType], { description: 'The clauses this version helps satisfy.' })
  async clauses(@Root() version: BlueprintVersionType, @Ctx() ctx: HubContext): Promise<ClauseType[]> {
    return resolveClauseRefs(version.clauseRefs, ctx);
  }
}
