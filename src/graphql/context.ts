import type { Em } from '../db/createOrm.js';
import type { Logger } from '../logger.js';
import { createStandardsLoaders } from '../modules/standards/standards.loaders.js';
import { createSafetyCaseLoaders } from '../modules/safety-cases/safety-cases.loaders.js';
import { createBlueprintLoaders } from '../modules/blueprints/blueprints.loaders.js';
import { createGuidanceLoaders } from '../modules/guidance/guidance.loaders.js';
import { createLearningLoaders } from '../modules/learning/learning.loaders.js';
import { createCompetencyLoaders } from '../modules/competencies/competencies.loaders.js';
import { createTrainingLoaders } from '../modules/training/training.loaders.js';
import type { HubServices } from '../hub.js';
import { ANONYMOUS, type Viewer } from '../modules/auth/viewer.js';

/** Everything a resolver may use for one request. The EntityManager is a fork owned by this request alone. */
export interface HubContext {
  requestId: string;
  em: Em;
  logger: Logger;
  /** Origin used for canonical `url` fields (PUBLIC_URL, else the request's own origin). */
  baseUrl: string;
  loaders: ReturnType<typeof createLoaders>;
  hub: HubServices;
  /** Who is asking: resolved from the request's API key, anonymous without one. Policies decide with it. */
  viewer: Viewer;
}

export function createLoaders(em: Em) {
  return {
    ...createStandardsLoaders(em),
    ...createSafetyCaseLoaders(em),
    ...createBlueprintLoaders(em),
    ...createGuidanceLoaders(em),
    ...createLearningLoaders(em),
    ...createCompetencyLoaders(em),
    ...createTrainingLoaders(em),
  };
}

export function createContext(input: { em: Em; logger: Logger; requestId: string; baseUrl: string; hub: HubServices; viewer?: Viewer }): HubContext {
  return { ...input, viewer: input.viewer ?? ANONYMOUS, loaders: createLoaders(input.em) };
}
