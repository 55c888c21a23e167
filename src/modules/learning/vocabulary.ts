import type { Em } from '../../db/createOrm.js';
import { errors, type FieldProblem } from '../../graphql/errors.js';
import { TopicEntity, type Vocabulary } from '../taxonomy/topic.entity.js';

export type Labels = Map<string, string>;

/** The taxonomy's terms of the given vocabularies, id -> label, as loaded by the last ingest. */
export async function loadVocabularies(em: Em, vocabularies: readonly Vocabulary[]): Promise<Record<Vocabulary, Labels>> {
  const rows = await em.find(TopicEntity, { vocabulary: { $in: [...vocabularies] } });
  const result = { TOPIC: new Map(), SYSTEM_TYPE: new Map(), SETTING: new Map(), HAZARD_FAMILY: new Map() } as Record<Vocabulary, Labels>;
  for (const row of rows) result[row.vocabulary].set(row.code, row.label);
  return result;
}

/**
 * Rejects filter values that are not taxonomy ids, naming the argument: a misspelt id would otherwise quietly
 * match nothing and read as "no events of that kind".
 */
export async function assertKnownTerms(em: Em, checks: { field: string; vocabulary: Vocabulary; value: string | null | undefined }[]): Promise<void> {
  const present = checks.filter((c) => c.value != null);
  if (present.length === 0) return;
  const vocab = await loadVocabularies(em, [...new Set(present.map((c) => c.vocabulary))]);
  const problems: FieldProblem[] = present
    .filter((c) => !vocab[c.vocabulary].has(c.value!))
    .map((c) => ({ field: c.field, message: `"${c.value}" is not a ${c.vocabulary.toLowerCase().replace('_', ' ')} id of the taxonomy` }));
  if (problems.length > 0) throw errors.badInput(`Unknown taxonomy id in ${problems.map((p) => p.field).join(', ')}`, problems);
}
