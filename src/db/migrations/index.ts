import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000_initial } from './Migration20261123000000_initial.js';
import { Migration20261123000740_learning } from './Migration20261123000740_learning.js';
import { Migration20261123000820_search } from './Migration20261123000820_search.js';
import { Migration20261123000900_competencies_training } from './Migration20261123000900_competencies_training.js';

/** Listed explicitly (not globbed) so the same list works from src/ under vitest and from dist/ in production. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123000000_initial', class: Migration20261123000000_initial },
  { name: 'Migration20261123000740_learning', class: Migration20261123000740_learning },
  { name: 'Migration20261123000820_search', class: Migration20261123000820_search },
  { name: 'Migration20261123000900_competencies_training', class: Migration20261123000900_competencies_training },
];
