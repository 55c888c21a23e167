import type { EvidenceItemContent, SafetyLearningContent } from '../ingest/content-schema.js';
import { parseNarrative } from './learning-narrative.js';

/**
 * What a learning or evidence item may refer to. Ingest fills it from the corpus being loaded; the CSV import
 * fills it from the database, so both reject exactly the same references.
 */
export interface LearningReferences {
  /** Controlled vocabularies; null when there is no taxonomy to check against. */
  vocabularies: { topics: Set<string>; systemTypes: Set<string>; settings: Set<string>; hazardFamilies: Set<string> } | null;
  clauseRefs: Set<string>;
  blueprintSlugs: Set<string>;
}

/** A problem at a front matter path, or at a line of the Markdown body. */
export interface LearningProblem {
  path: (string | number)[];
  /** 1-based line within the body. */
  bodyLine?: number;
  message: string;
}

export function safetyLearningProblems(content: Omit<SafetyLearningContent, 'anonymisationAllowances'>, known: LearningReferences): LearningProblem[] {
  const vocab = known.vocabularies;
  const problems: LearningProblem[] = [...topicProblems(content.topics, known), ...listProblems(content.hazardFamilies, 'hazardFamilies', 'hazard family', vocab?.hazardFamilies)];
  if (vocab && !vocab.systemTypes.has(content.systemType)) problems.push({ path: ['systemType'], message: `unknown system type "${content.systemType}" (taxonomy.md lists them)` });
  if (vocab && !vocab.settings.has(content.setting)) problems.push({ path: ['setting'], message: `unknown setting "${content.setting}" (taxonomy.md lists them)` });
  problems.push(...listProblems(content.clauses, 'clauses', 'clause', known.clauseRefs, (ref) => `clause ${ref} does not exist`));
  problems.push(...listProblems(content.blueprints, 'blueprints', 'blueprint', known.blueprintSlugs, (slug) => `blueprint "${slug}" does not exist`));
  if (content.eventType === 'GOOD_CARE' && (content.physicalHarm !== 'NONE' || content.psychologicalHarm !== 'NONE')) {
    problems.push({ path: ['eventType'], message: 'good care records no harm: set physicalHarm and psychologicalHarm to NONE, or record the event as an INCIDENT' });
  }
  if (content.eventType === 'RISK' && (content.physicalHarm !== 'NONE' || content.psychologicalHarm !== 'NONE')) {
    problems.push({ path: ['eventType'], message: 'a patient safety risk has not yet harmed anyone: set the harm levels to NONE, or record the event as an INCIDENT' });
  }
  return problems;
}

/** The body of a learning must be its four narrative sections. */
export function learningBodyProblems(body: string): LearningProblem[] {
  return parseNarrative(body).problems.map((p) => ({ path: ['body'], bodyLine: p.line, message: p.message }));
}

export function evidenceItemProblems(content: EvidenceItemContent, body: string, known: LearningReferences): LearningProblem[] {
  const vocab = known.vocabularies;
  const problems: LearningProblem[] = [...topicProblems(content.topics, known), ...listProblems(content.hazardFamilies, 'hazardFamilies', 'hazard family', vocab?.hazardFamilies)];
  if (vocab && content.systemType && !vocab.systemTypes.has(content.systemType)) problems.push({ path: ['systemType'], message: `unknown system type "${content.systemType}" (taxonomy.md lists them)` });
  if (vocab && content.setting && !vocab.settings.has(content.setting)) problems.push({ path: ['setting'], message: `unknown setting "${content.setting}" (taxonomy.md lists them)` });
  if (body.trim().split(/\s+/).length < 80) problems.push({ path: ['body'], bodyLine: 1, message: 'the commentary must say in at least 80 words what was studied, what it found and what it means for a CSO' });
  return problems;
}

function topicProblems(topics: string[], known: LearningReferences): LearningProblem[] {
  return listProblems(topics, 'topics', 'topic', known.vocabularies?.topics, (topic) => `unknown topic "${topic}" (taxonomy.md lists the topics)`);
}

/** Unknown or repeated entries of a list field; `known` undefined means there is nothing to check against. */
function listProblems(values: string[], field: string, what: string, known: Set<string> | undefined, unknown = (value: string) => `unknown ${what} "${value}" (taxonomy.md lists them)`): LearningProblem[] {
  const seen = new Set<string>();
  return values.flatMap((value, i) => {
    const problems: LearningProblem[] = [];
    if (known && !known.has(value)) problems.push({ path: [field, i], message: unknown(value) });
    if (seen.has(value)) problems.push({ path: [field, i], message: `${what} "${value}" is listed twice` });
    seen.add(value);
    return problems;
  });
}
