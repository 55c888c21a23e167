import type { Em } from '../db/createOrm.js';
import type { Logger } from '../logger.js';
import { createStandardsLoaders } from '../modules/standards/standards.loaders.js';
import { createSafetyCaseLoaders } from '../modules/safety-cases/safety-cases.loaders.js';
import { createBlueprintLoaders } from '../modules/blueprints/blueprints.loaders.js';
import { createLearningLoaders } from '../modules/learning/learning.loaders.js';
import { createCompetencyLoaders } from '../modules/competencies/competencies.loaders.js';
import { createTrainingLoaders } from '../modules/training/training.loaders.js';
import type { HubServices } from '../hub.js';

/** Everything a resolver may use for one request. The EntityManager is a fork owned by this request alone. */
export interface HubContext {
  requestId: string;
  em: Em;
  logger: Logger;
  /** Origin used for canonical `url` fields (PUBLIC_URL, else the request's own origin). */
  baseUrl: string;
  loaders: ReturnType<typeof createLoaders>;
  hub: HubServices;
}

export function createLoaders(em: Em) {
  return {
    ...createStandardsLoaders(em),
    ...createSafetyCaseLoaders(em),
    ...createBlueprintLoaders(em),
    ...createLearningLoaders(em),
    ...createCompetencyLoaders(em),
    ...createTrainingLoaders(em),
  };
}

export function createContext(input: { em: Em; logger: Logger; requestId: string; baseUrl: string; hub: HubServices }): HubContext {
  return { ...input, loaders: createLoaders(input.em) };
}
