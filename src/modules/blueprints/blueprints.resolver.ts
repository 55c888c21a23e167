import { Arg, Args, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { errors } from '../../graphql/errors.js';
import { ClauseType } from '../standards/clause.type.js';
import { resolveClauseRefs } from '../standards/resolve-clause-refs.js';
import { BlueprintKind, BlueprintType, BlueprintVersionType } from './blueprint.type.js';
import { BlueprintDiffType } from './blueprint-diff.type.js';
import { BlueprintFormat, RenderedBlueprintType } from './blueprint-render.type.js';
import { BlueprintsService } from './blueprints.service.js';
import { BlueprintDiffService } from './diff.service.js';
import { BlueprintRenderService, downloadPath } from './render.service.js';

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

  @FieldResolver(() => RenderedBlueprintType, {
    description: 'The version filled in with `variables` and rendered to `format`. Every document ends with its clause coverage table and its version and licence line.',
  })
  async render(
    @Root() blueprint: BlueprintType,
    @Arg('format', () => BlueprintFormat) format: BlueprintFormat,
    @Arg('version', () => String, { defaultValue: 'latest', description: 'An exact version such as "1.1.0", or "latest".' }) version: string,
    @Arg('variables', () => GraphQLJSONObject, { nullable: true, description: 'Values by variable name, typed as declared (numbers, booleans, "YYYY-MM-DD" dates).' })
    variables: Record<string, unknown> | null | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<RenderedBlueprintType> {
    const given = variables ?? {};
    const artefact = await new BlueprintRenderService(ctx.em, ctx.hub.stores.renders).render({ slug: blueprint.slug, version, format, variables: given, baseUrl: ctx.baseUrl });
    return RenderedBlueprintType.from(artefact, ctx.baseUrl + downloadPath(blueprint.slug, version, format, given));
  }

  @FieldResolver(() => BlueprintDiffType, { description: 'A section-level comparison of two versions (exact numbers or "latest").' })
  async diff(
    @Root() blueprint: BlueprintType,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Ctx() ctx: HubContext,
  ): Promise<BlueprintDiffType> {
    return BlueprintDiffType.from(await new BlueprintDiffService(ctx.em).diff(blueprint.slug, from, to));
  }
}

@Resolver(() => BlueprintVersionType)
export class BlueprintVersionResolver {
  @FieldResolver(() => [ClauseType], { description: 'The clauses this version helps satisfy.' })
  async clauses(@Root() version: BlueprintVersionType, @Ctx() ctx: HubContext): Promise<ClauseType[]> {
    return resolveClauseRefs(version.clauseRefs, ctx);
  }
}
