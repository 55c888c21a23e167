import type { Problem } from './front-matter.js';
import type { Corpus } from './load-corpus.js';

/** Placeholder replaced when the detector library lands: see src/modules/anonymisation. */
export function gateCorpus(_corpus: Corpus): Problem[] {
  return [];
}
