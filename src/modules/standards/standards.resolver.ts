import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { errors } from '../../graphql/errors.js';
import { ClauseType } from './clause.type.js';
import { StandardType } from './standard.type.js';
import { StandardsService } from './standards.service.js';

const ClauseConnection = Connection(ClauseType, 'Clause');

@ArgsType()
class ClausesArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only the clauses directly under this clause number.' })
  under?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only top-level sections (ignored when `under` is given).' })
  topLevel?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only numbered requirements, no section headings.' })
  requirementsOnly?: boolean;
}

@Resolver(() => StandardType)
export class StandardResolver {
  @Query(() => [StandardType], { description: 'The current edition of each standard.' })
  async standards(@Ctx() ctx: HubContext): Promise<StandardType[]> {
    const list = await new StandardsService(ctx.em).listCurrent();
    return list.map((s) => StandardType.from(s, ctx.baseUrl));
  }

  @Query(() => StandardType, { nullable: true, description: 'A standard by code (DCB0129 or DCB0160); the current edition unless `version` is given.' })
  async standard(
    @Arg('code', () => String) code: string,
    @Arg('version', () => String, { nullable: true }) version: string | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<StandardType | null> {
    const standard = await new StandardsService(ctx.em).findByCode(code, version);
    return standard ? StandardType.from(standard, ctx.baseUrl) : null;
  }

  @FieldResolver(() => ClauseConnection, { description: 'Clauses in document order; all levels unless filtered.' })
  async clauses(@Root() root: StandardType, @Args(() => ClausesArgs) args: ClausesArgs, @Ctx() ctx: HubContext) {
    const window = pageWindow(args);
    const standard = await ctx.loaders.standardById.load(root.dbId);
    if (!standard) return toConnection([], 0, window);
    const parentNumber = args.under ?? (args.topLevel ? null : undefined);
    const [rows, total] = await new StandardsService(ctx.em).clausePage(standard, window, { parentNumber, requirementsOnly: args.requirementsOnly ?? false });
    return toConnection(rows.map((c) => ClauseType.from(c, root.code, ctx.baseUrl)), total, window);
  }
}

@Resolver(() => ClauseType)
export class ClauseResolver {
  @Query(() => ClauseType, { nullable: true, description: 'A clause by standard code and number, e.g. clause(standard: "DCB0129", number: "2.3.1").' })
  async clause(
    @Arg('standard', () => String) standardCode: string,
    @Arg('number', () => String) number: string,
    @Ctx() ctx: HubContext,
  ): Promise<ClauseType | null> {
    if (!/^\d+(\.\d+)*\.?$/.test(number.trim())) {
      throw errors.badInput(`"${number.slice(0, 32)}" is not a clause number`, [{ field: 'number', message: 'digits separated by dots, e.g. 2.3.1' }]);
    }
    const found = await new StandardsService(ctx.em).findClause(standardCode, number);
    return found ? ClauseType.from(found.clause, found.standard.code, ctx.baseUrl) : null;
  }

  @FieldResolver(() => StandardType)
  async standard(@Root() clause: ClauseType, @Ctx() ctx: HubContext): Promise<StandardType> {
    const standard = await ctx.loaders.standardById.load(clause.standardId);
    if (!standard) throw errors.notFound('Standard', clause.standardCode);
    return StandardType.from(standard, ctx.baseUrl);
  }

  @FieldResolver(() => ClauseType, { nullable: true })
  async parent(@Root() clause: ClauseType, @Ctx() ctx: HubContext): Promise<ClauseType | null> {
    if (clause.parentId == null) return null;
    const parent = await ctx.loaders.clauseById.load(clause.parentId);
    return parent ? ClauseType.from(parent, clause.standardCode, ctx.baseUrl) : null;
  }

  @FieldResolver(() => [ClauseType])
  async children(@Root() clause: ClauseType, @Ctx() ctx: HubContext): Promise<ClauseType[]> {
    const children = await ctx.loaders.clauseChildren.load(clause.dbId);
    return children.map((c) => ClauseType.from(c, clause.standardCode, ctx.baseUrl));
  }

  @FieldResolver(() => ClauseType, { nullable: true, description: 'The matching clause in the other standard, where there is one.' })
  async counterpart(@Root() clause: ClauseType, @Ctx() ctx: HubContext): Promise<ClauseType | null> {
    if (clause.counterpartId == null) return null;
    const counterpart = await ctx.loaders.clauseById.load(clause.counterpartId);
    if (!counterpart) return null;
    const standard = await ctx.loaders.standardById.load(counterpart.standard.id);
    return standard ? ClauseType.from(counterpart, standard.code, ctx.baseUrl) : null;
  }
}
