import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import { BlueprintVersionEntity, type BlueprintVersion } from './blueprint-version.entity.js';

export function createBlueprintLoaders(em: Em) {
  return {
    /** Every published version of each blueprint, newest first. */
    blueprintVersions: new DataLoader<number, BlueprintVersion[]>(async (blueprintIds) => {
      const rows = await em.find(
        BlueprintVersionEntity,
        { blueprint: { $in: [...blueprintIds] }, withdrawn: false },
        { orderBy: { major: 'desc', minor: 'desc', patch: 'desc' } },
      );
      return blueprintIds.map((id) => rows.filter((v) => v.blueprint.id === id));
    }),
  };
}
