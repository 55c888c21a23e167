import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import { ClauseEntity, type Clause } from './clause.entity.js';
import { StandardEntity, type Standard } from './standard.entity.js';
import { StandardsService } from './standards.service.js';
import { groupBy } from '../../collections.js';

/** Per-request batching for the clause tree, which MikroORM's reference dataloader does not cover (plain ids). */
export function createStandardsLoaders(em: Em) {
  return {
    standardById: new DataLoader<number, Standard | null>(async (ids) => {
      const rows = await em.find(StandardEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    clauseById: new DataLoader<number, Clause | null>(async (ids) => {
      const rows = await em.find(ClauseEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    clauseChildren: new DataLoader<number, Clause[]>(async (parentIds) => {
      const rows = await em.find(ClauseEntity, { parentId: { $in: [...parentIds] } }, { orderBy: { sortKey: 'asc' } });
      const byParent = groupBy(rows, (r) => r.parentId);
      return parentIds.map((id) => byParent.get(id) ?? []);
    }),
    clauseByRef: new DataLoader<string, Clause | null>((refs) => new StandardsService(em).findClausesByRefs(refs)),
  };
}
export type StandardsLoaders = ReturnType<typeof createStandardsLoaders>;
