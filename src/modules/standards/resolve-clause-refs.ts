import type { HubContext } from '../../graphql/context.js';
import { ClauseType } from './clause.type.js';

/** Resolves "DCB0129 2.3.1" references (batched per request); references to missing clauses are skipped. */
export async function resolveClauseRefs(refs: string[], ctx: HubContext): Promise<ClauseType[]> {
  const clauses = await ctx.loaders.clauseByRef.loadMany(refs);
  return refs.flatMap((ref, i) => {
    const clause = clauses[i];
    return clause && !(clause instanceof Error) ? [ClauseType.from(clause, ref.split(' ')[0], ctx.baseUrl)] : [];
  });
}
