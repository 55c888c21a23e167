import { Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../graphql/context.js';
import { ViewerType } from './viewer.type.js';

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: 'The caller, as resolved from its API key.' })
  viewer(@Ctx() ctx: HubContext): ViewerType {
    return ViewerType.from(ctx.viewer);
  }
}
