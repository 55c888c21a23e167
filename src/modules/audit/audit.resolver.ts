import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { authorize } from '../auth/policies.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditEntryType } from './audit.type.js';

const AuditEntryConnection = Connection(AuditEntryType, 'AuditEntry');

@Resolver(() => AuditEntryType)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The audit log, newest first. Admins only.' })
  async auditLog(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: HubContext) {
    authorize(ctx.viewer, 'audit.read');
    const window = pageWindow(args);
    const [rows, total] = await ctx.em.findAndCount(AuditEntryEntity, {}, { orderBy: { id: 'desc' }, offset: window.offset, limit: window.limit });
    return toConnection(rows.map((e) => AuditEntryType.from(e)), total, window);
  }
}
