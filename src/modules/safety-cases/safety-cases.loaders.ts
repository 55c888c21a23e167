import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import { HazardEntity, type Hazard } from './hazard.entity.js';
import { SafetyCaseEntity, type SafetyCase } from './safety-case.entity.js';
import { groupBy } from '../../collections.js';

export function createSafetyCaseLoaders(em: Em) {
  return {
    hazardsBySafetyCaseId: new DataLoader<number, Hazard[]>(async (caseIds) => {
      const rows = await em.find(HazardEntity, { safetyCase: { $in: [...caseIds] } }, { orderBy: { position: 'asc' } });
      const byCase = groupBy(rows, (hazard) => hazard.safetyCase.id);
      return caseIds.map((id) => byCase.get(id) ?? []);
    }),
    safetyCaseById: new DataLoader<number, SafetyCase | null>(async (ids) => {
      const rows = await em.find(SafetyCaseEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
