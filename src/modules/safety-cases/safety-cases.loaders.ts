import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import { HazardEntity, type Hazard, type HazardRecord } from './hazard.entity.js';
import { SafetyCaseEntity, type SafetyCase } from './safety-case.entity.js';
import { groupBy } from '../../collections.js';

export function createSafetyCaseLoaders(em: Em) {
  return {
    hazardsBySafetyCaseId: new DataLoader<number, HazardRecord[]>(async (caseIds) => {
      // Plain rows, not managed entities: a list of 50 cases shows hundreds of hazards, and hydrating each into the
      // unit of work cost twice the query itself, for objects nobody changes.
      const rows = await em.createQueryBuilder(HazardEntity).select('*')
        .where({ safetyCase: { $in: [...caseIds] } }).orderBy({ position: 'asc' }).execute<(Omit<Hazard, 'safetyCase'> & { safetyCase: number })[]>('all', true);
      const byCase = groupBy(rows.map((row) => ({ ...row, safetyCase: { id: row.safetyCase } })), (hazard) => hazard.safetyCase.id);
      return caseIds.map((id) => byCase.get(id) ?? []);
    }),
    safetyCaseById: new DataLoader<number, SafetyCase | null>(async (ids) => {
      const rows = await em.find(SafetyCaseEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
