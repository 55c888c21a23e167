import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { TrainingResourceType } from '../training/training.type.js';
import { RegisterService } from './register.service.js';
import { MyRegisterEntryType, RegisterEntryInput, RegisterEntryType, RegisterErasureType, RegisterSearchFilterInput } from './register.type.js';

const RegisterEntryConnection = Connection(RegisterEntryType, 'RegisterEntry');

@Resolver(() => RegisterEntryType)
export class RegisterResolver {
  @Query(() => RegisterEntryType, { nullable: true, description: 'A register entry as you may see it; null when it does not exist or is not visible to you.' })
  async registerEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<RegisterEntryType | null> {
    const view = await new RegisterService(ctx.em, ctx.viewer).find(id);
    return view ? RegisterEntryType.from(view, await ctx.loaders.competencyFramework.load(1)) : null;
  }

  @Query(() => RegisterEntryConnection, {
    description: 'Search the national CSO register: verified entries, by region, standard, competency, organisation type or mentoring availability. '
      + 'A filter on a field matches only entries that made that field public.',
  })
  async registerEntries(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => RegisterSearchFilterInput, { nullable: true }) filter: RegisterSearchFilterInput | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [views, total] = await new RegisterService(ctx.em, ctx.viewer).search(filter ?? {}, window);
    const framework = await ctx.loaders.competencyFramework.load(1);
    return toConnection(views.map((v) => RegisterEntryType.from(v, framework)), total, window);
  }

  @Query(() => MyRegisterEntryType, { nullable: true, description: 'Your own register entry and an export of everything the register holds about you; null when your key has no entry.' })
  async myRegisterEntry(@Ctx() ctx: HubContext): Promise<MyRegisterEntryType | null> {
    const service = new RegisterService(ctx.em, ctx.viewer);
    const view = await service.mine();
    if (!view) return null;
    return Object.assign(new MyRegisterEntryType(), { entry: RegisterEntryType.from(view, await ctx.loaders.competencyFramework.load(1)), export: await service.export(view) });
  }

  @Mutation(() => RegisterEntryType, { description: 'Join the register: one entry per API key. It stays private until an admin verifies it.' })
  async createRegisterEntry(@Arg('input', () => RegisterEntryInput) input: RegisterEntryInput, @Ctx() ctx: HubContext): Promise<RegisterEntryType> {
    const view = await new RegisterService(ctx.em, ctx.viewer).create(input);
    return RegisterEntryType.from(view, await ctx.loaders.competencyFramework.load(1));
  }

  @Mutation(() => RegisterEntryType, { description: 'Replace an entry\'s details (the registrant or an admin). Changing the name or registration withdraws verification.' })
  async updateRegisterEntry(@Arg('id', () => ID) id: string, @Arg('input', () => RegisterEntryInput) input: RegisterEntryInput, @Ctx() ctx: HubContext): Promise<RegisterEntryType> {
    const view = await new RegisterService(ctx.em, ctx.viewer).update(id, input);
    return RegisterEntryType.from(view, await ctx.loaders.competencyFramework.load(1));
  }

  @Mutation(() => RegisterEntryType, { description: 'Admins only: mark an entry verified (its public fields become visible) or withdraw verification.' })
  async verifyRegisterEntry(
    @Arg('id', () => ID) id: string,
    @Arg('verified', () => Boolean, { defaultValue: true }) verified: boolean,
    @Ctx() ctx: HubContext,
  ): Promise<RegisterEntryType> {
    const view = await new RegisterService(ctx.em, ctx.viewer).verify(id, verified);
    return RegisterEntryType.from(view, await ctx.loaders.competencyFramework.load(1));
  }

  @Mutation(() => RegisterErasureType, {
    description: 'Erase an entry on its registrant\'s request (the registrant or an admin): the entry, its mentoring offer, requests and pairings are deleted; '
      + 'only an audit record without personal data remains.',
  })
  async eraseRegisterEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<RegisterErasureType> {
    return Object.assign(new RegisterErasureType(), await new RegisterService(ctx.em, ctx.viewer).erase(id));
  }

  @FieldResolver(() => [TrainingResourceType], { nullable: true, description: 'Catalogue training the registrant has completed. Null when not made public.' })
  async trainingCompleted(@Root() entry: RegisterEntryType, @Ctx() ctx: HubContext): Promise<TrainingResourceType[] | null> {
    if (!entry.trainingSlugs) return null;
    const rows = await ctx.loaders.trainingBySlug.loadMany(entry.trainingSlugs);
    return rows.flatMap((row) => (row && !(row instanceof Error) ? [TrainingResourceType.from(row, ctx.baseUrl)] : []));
  }
}
