import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import { BlueprintVersionEntity, type BlueprintVersion } from './blueprint-version.entity.js';
import { groupBy } from '../../collections.js';

export function createBlueprintLoaders(em: Em) {
  return {
    /** Every published version of each blueprint, newest first. */
    blueprintVersions: new DataLoader<number, BlueprintVersion[]>(async (blueprintIds) => {
      const rows = await em.find(
        BlueprintVersionEntity,
        { blueprint: { $in: [...blueprintIds] }, withdrawn: false },
        { orderBy: { major: 'desc', minor: 'desc', patch: 'desc' } },
      );
      const byBlueprint = groupBy(rows, (v) => v.blueprint.id);
      return blueprintIds.map((id) => byBlueprint.get(id) ?? []);
    }),
  };
}
