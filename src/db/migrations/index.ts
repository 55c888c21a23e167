import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000_initial } from './Migration20261123000000_initial.js';
import { Migration20261123000740_learning } from './Migration20261123000740_learning.js';
import { Migration20261123000800_audit_log } from './Migration20261123000800_audit_log.js';
import { Migration20261123000810_contributions } from './Migration20261123000810_contributions.js';
import { Migration20261123000820_search } from './Migration20261123000820_search.js';
import { Migration20261123000830_search_gin_fastupdate } from './Migration20261123000830_search_gin_fastupdate.js';
import { Migration20261123000900_competencies_training } from './Migration20261123000900_competencies_training.js';
import { Migration20261123000910_cso_register } from './Migration20261123000910_cso_register.js';
import { Migration20261123001000_search_gin_pending_lists } from './Migration20261123001000_search_gin_pending_lists.js';

/** Listed explicitly (not globbed) so the same list works from src/ under vitest and from dist/ in production. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123000000_initial', class: Migration20261123000000_initial },
  { name: 'Migration20261123000740_learning', class: Migration20261123000740_learning },
  { name: 'Migration20261123000800_audit_log', class: Migration20261123000800_audit_log },
  { name: 'Migration20261123000810_contributions', class: Migration20261123000810_contributions },
  { name: 'Migration20261123000820_search', class: Migration20261123000820_search },
  { name: 'Migration20261123000830_search_gin_fastupdate', class: Migration20261123000830_search_gin_fastupdate },
  { name: 'Migration20261123000900_competencies_training', class: Migration20261123000900_competencies_training },
  { name: 'Migration20261123000910_cso_register', class: Migration20261123000910_cso_register },
  { name: 'Migration20261123001000_search_gin_pending_lists', class: Migration20261123001000_search_gin_pending_lists },
];
