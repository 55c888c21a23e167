import { LIKELIHOODS, SEVERITIES, riskRating } from '../risk/risk-matrix.js';
import { evidenceItemProblems, learningBodyProblems, safetyLearningProblems } from '../learning/learning-validation.js';
import { parentNumber } from '../standards/clause.entity.js';
import { competencyFrameworkProblems, frameworkTrainingLinks, trainingResourceProblems } from '../competencies/competency-validation.js';
import type { BlueprintVersionContent, GuidanceContent, HazardSchemaContent, SafetyCaseContent } from './content-schema.js';
import type { Problem } from './front-matter.js';
import type { Corpus, LoadedDocument, UnchangedFile } from './load-corpus.js';

/** What a document may refer to: from the corpus during ingest, from the database for a submission. */
export interface KnownReferences {
  /** Controlled vocabularies; null when there is no taxonomy to check against. */
  vocabularies: { topics: Set<string>; systemTypes: Set<string>; settings: Set<string>; hazardFamilies: Set<string> } | null;
  clauseRefs: Set<string>;
  standardCodes: Set<string>;
  guidanceSlugs: Set<string>;
  blueprintSlugs: Set<string>;
  safetyCaseSlugs: Set<string>;
  /** Learnings and evidence items, for links to them; absent where they cannot be linked to. */
  learningSlugs?: Set<string>;
  evidenceSlugs?: Set<string>;
  /** Training resources, for links to them; absent where they cannot be linked to. */
  trainingSlugs?: Set<string>;
}

/** A problem inside one document: a front matter path, or a line of its Markdown body. */
export interface DocumentProblem {
  path: (string | number)[];
  /** 1-based line within the body, for problems found in the body. */
  bodyLine?: number;
  message: string;
}

/**
 * Checks that need the whole corpus: references between documents, the controlled vocabularies, the risk
 * matrix and blueprint placeholders. Runs after the schema check, before anything touches the database.
 */
export function validateCorpus(corpus: Corpus): Problem[] {
  const problems: Problem[] = [];
  const latestByCode = new Map<string, LoadedDocument<Corpus['standards'][number]['content']>>();
  for (const standard of corpus.standards) {
    const current = latestByCode.get(standard.content.code);
    if (!current || current.content.publishedOn < standard.content.publishedOn) latestByCode.set(standard.content.code, standard);
  }
  const clauseRefs = new Set<string>();
  for (const standard of latestByCode.values()) for (const clause of standard.content.clauses) clauseRefs.add(`${standard.content.code} ${clause.number}`);
  // Unchanged files are not parsed again, but are still there to link to.
  const unchanged = (kind: UnchangedFile['kind']) => corpus.unchanged.filter((file) => file.kind === kind).map((file) => file.slug);
  const known: KnownReferences = {
    vocabularies: vocabularies(corpus),
    clauseRefs,
    guidanceSlugs: new Set([...corpus.guidance.map((g) => g.key), ...unchanged('guidance')]),
    blueprintSlugs: new Set([...corpus.blueprintVersions.map((b) => b.slug), ...unchanged('blueprint')]),
    safetyCaseSlugs: new Set([...corpus.safetyCases.map((s) => s.key), ...unchanged('safety-case')]),
    learningSlugs: new Set(corpus.learnings.map((l) => l.key)),
    evidenceSlugs: new Set(corpus.evidence.map((e) => e.key)),
    trainingSlugs: new Set(corpus.training.map((t) => t.key)),
    standardCodes: new Set(corpus.standards.map((s) => s.content.code)),
  };
  const { standardCodes } = known;

  const at = (doc: LoadedDocument<unknown>, path: (string | number)[], message: string) =>
    problems.push({ file: doc.file.path, line: doc.file.lineOf(path), field: formatPath(path), message });
  const report = (doc: LoadedDocument<unknown>, found: DocumentProblem[]) => {
    for (const problem of found) {
      if (problem.bodyLine === undefined) at(doc, problem.path, problem.message);
      else problems.push({ file: doc.file.path, line: doc.file.bodyLine + problem.bodyLine - 1, message: problem.message });
    }
  };

  // Standards: clause tree and counterparts.
  for (const standard of corpus.standards) {
    const numbers = new Map<string, number>();
    standard.content.clauses.forEach((clause, i) => {
      if (numbers.has(clause.number)) at(standard, ['clauses', i, 'number'], `clause ${clause.number} is listed twice`);
      numbers.set(clause.number, i);
    });
    const counterpartCode = [...standardCodes].find((code) => code !== standard.content.code);
    const counterpartStandard = counterpartCode ? latestByCode.get(counterpartCode) : undefined;
    const counterpartNumbers = new Set(counterpartStandard?.content.clauses.map((c) => c.number) ?? []);
    standard.content.clauses.forEach((clause, i) => {
      const parent = parentNumber(clause.number);
      if (parent && !numbers.has(parent)) at(standard, ['clauses', i, 'number'], `clause ${clause.number} has no parent: add clause ${parent}`);
      if (clause.counterpart && counterpartStandard && !counterpartNumbers.has(clause.counterpart)) {
        at(standard, ['clauses', i, 'counterpart'], `counterpart ${counterpartCode} ${clause.counterpart} does not exist`);
      }
    });
    report(standard, [...topicProblems(standard.content.topics, known), ...linkProblems(standard.file.body, known)]);
  }

  for (const article of corpus.guidance) report(article, guidanceProblems(article.content, article.file.body, known));

  const kindBySlug = new Map<string, string>();
  for (const version of corpus.blueprintVersions) {
    const kind = kindBySlug.get(version.slug);
    if (kind && kind !== version.content.kind) at(version, ['kind'], `is ${version.content.kind} but other versions of ${version.slug} are ${kind}`);
    kindBySlug.set(version.slug, version.content.kind);
    report(version, blueprintVersionProblems(version.content, version.file.body, known));
  }

  for (const safetyCase of corpus.safetyCases) report(safetyCase, safetyCaseProblems(safetyCase.content, safetyCase.file.body, known));
  for (const learning of corpus.learnings) {
    report(learning, [...safetyLearningProblems(learning.content, known), ...learningBodyProblems(learning.file.body), ...linkProblems(learning.file.body, known)]);
  }
  for (const item of corpus.evidence) report(item, [...evidenceItemProblems(item.content, item.file.body, known), ...linkProblems(item.file.body, known)]);
  const framework = corpus.competencyFramework;
  if (framework) {
    const references = { guidanceSlugs: known.guidanceSlugs, trainingCompetencies: new Map(corpus.training.map((t) => [t.key, t.content.competencies])) };
    report(framework, [...topicProblems(framework.content.topics, known), ...competencyFrameworkProblems(framework.content, references), ...linkProblems(framework.file.body, known)]);
  }
  const frameworkTraining = framework ? frameworkTrainingLinks(framework.content) : null;
  for (const resource of corpus.training) {
    report(resource, [...topicProblems(resource.content.topics, known), ...trainingResourceProblems(resource.key, resource.content, resource.file.body, frameworkTraining), ...linkProblems(resource.file.body, known)]);
  }

  if (corpus.riskMatrix) checkRiskMatrix(corpus.riskMatrix, at);
  if (corpus.glossary) {
    const seen = new Set<string>();
    corpus.glossary.content.terms.forEach((term, i) => {
      const key = term.term.toLowerCase();
      if (seen.has(key)) at(corpus.glossary!, ['terms', i, 'term'], `term "${term.term}" is listed twice`);
      seen.add(key);
    });
  }
  return problems;
}

/** `['hazards', 2, 'initialRisk', 'rating']` -> `hazards[2].initialRisk.rating`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

function topicProblems(topics: string[], known: KnownReferences): DocumentProblem[] {
  const vocab = known.vocabularies;
  return topics.flatMap((topic, i) => (vocab && !vocab.topics.has(topic) ? [{ path: ['topics', i], message: `unknown topic "${topic}" (taxonomy.md lists the topics)` }] : []));
}

function clauseRefProblems(refs: string[], path: (string | number)[], known: KnownReferences): DocumentProblem[] {
  return refs.flatMap((ref, i) => (known.clauseRefs.has(ref) ? [] : [{ path: [...path, i], message: `clause ${ref} does not exist` }]));
}

function linkProblems(body: string, known: KnownReferences): DocumentProblem[] {
  return findHubLinks(body).flatMap((link) => {
    const problem = checkHubLink(link.target, known);
    return problem ? [{ path: ['body'], bodyLine: link.line, message: `broken link ${link.target}: ${problem}` }] : [];
  });
}

export function guidanceProblems(content: GuidanceContent, body: string, known: KnownReferences): DocumentProblem[] {
  return [
    ...topicProblems(content.topics, known),
    ...clauseRefProblems(content.clauses, ['clauses'], known),
    ...content.related.guidance.flatMap((slug, i) => (known.guidanceSlugs.has(slug) ? [] : [{ path: ['related', 'guidance', i], message: `guidance "${slug}" does not exist` }])),
    ...content.related.blueprints.flatMap((slug, i) => (known.blueprintSlugs.has(slug) ? [] : [{ path: ['related', 'blueprints', i], message: `blueprint "${slug}" does not exist` }])),
    ...linkProblems(body, known),
  ];
}

export function blueprintVersionProblems(content: BlueprintVersionContent, template: string, known: KnownReferences): DocumentProblem[] {
  return [
    ...topicProblems(content.topics, known),
    ...clauseRefProblems(content.clauses, ['clauses'], known),
    ...blueprintTemplateProblems(content, template),
    ...content.hazards.flatMap((hazard, i) => hazardProblems(hazard, known).map((p) => ({ ...p, path: ['hazards', i, ...p.path] }))),
    ...linkProblems(template, known),
  ];
}

export function safetyCaseProblems(content: SafetyCaseContent, body: string, known: KnownReferences): DocumentProblem[] {
  const vocab = known.vocabularies;
  const problems: DocumentProblem[] = [...topicProblems(content.topics, known), ...clauseRefProblems(content.clauses, ['clauses'], known)];
  if (vocab && !vocab.systemTypes.has(content.systemType)) problems.push({ path: ['systemType'], message: `unknown system type "${content.systemType}" (taxonomy.md lists them)` });
  if (vocab && !vocab.settings.has(content.setting)) problems.push({ path: ['setting'], message: `unknown setting "${content.setting}" (taxonomy.md lists them)` });
  if (!known.standardCodes.has(content.standard)) problems.push({ path: ['standard'], message: `standard ${content.standard} does not exist` });
  const codes = new Set<string>();
  content.hazards.forEach((hazard, i) => {
    if (codes.has(hazard.code)) problems.push({ path: ['hazards', i, 'code'], message: `hazard ${hazard.code} is listed twice` });
    codes.add(hazard.code);
    problems.push(...hazardProblems(hazard, known).map((p) => ({ ...p, path: ['hazards', i, ...p.path] })));
  });
  problems.push(...linkProblems(body, known));
  return problems;
}

type At = (doc: LoadedDocument<unknown>, path: (string | number)[], message: string) => void;

function vocabularies(corpus: Corpus): KnownReferences['vocabularies'] {
  const taxonomy = corpus.taxonomy?.content;
  if (!taxonomy) return null;
  return {
    topics: new Set(taxonomy.topics.map((t) => t.id)),
    systemTypes: new Set(taxonomy.systemTypes.map((t) => t.id)),
    settings: new Set(taxonomy.settings.map((t) => t.id)),
    hazardFamilies: new Set(taxonomy.hazardFamilies.map((t) => t.id)),
  };
}

/** A hazard's own checks, with paths relative to the hazard: its family, its clauses and its risk ratings. */
export function hazardProblems(hazard: HazardSchemaContent, known: KnownReferences): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  if (known.vocabularies && !known.vocabularies.hazardFamilies.has(hazard.family)) problems.push({ path: ['family'], message: `unknown hazard family "${hazard.family}" (taxonomy.md lists them)` });
  for (const which of ['initialRisk', 'residualRisk'] as const) {
    const risk = hazard[which];
    const expected = riskRating(risk.severity, risk.likelihood);
    if (risk.rating !== expected) {
      problems.push({ path: [which, 'rating'], message: `hazard ${hazard.code}: rating ${risk.rating} disagrees with the risk matrix: ${risk.severity} x ${risk.likelihood} is ${expected}` });
    }
  }
  problems.push(...clauseRefProblems(hazard.clauses, ['clauses'], known));
  return problems;
}

/** A `{{name}}` placeholder in a blueprint template; rendering substitutes exactly what ingest validated. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function templatePlaceholders(template: string): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  template.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(PLACEHOLDER)) found.push({ name: match[1], line: index + 1 });
  });
  return found;
}

function blueprintTemplateProblems(content: BlueprintVersionContent, template: string): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const declared = new Map(content.variables.map((v, i) => [v.name, i]));
  const used = new Set<string>();
  for (const placeholder of templatePlaceholders(template)) {
    used.add(placeholder.name);
    if (!declared.has(placeholder.name)) {
      problems.push({ path: ['body'], bodyLine: placeholder.line, message: `the template uses {{${placeholder.name}}} but declares no variable "${placeholder.name}"` });
    }
  }
  content.variables.forEach((variable, i) => {
    if (!used.has(variable.name)) problems.push({ path: ['variables', i, 'name'], message: `variable "${variable.name}" is declared but the template never uses it` });
    if (declared.get(variable.name) !== i) problems.push({ path: ['variables', i, 'name'], message: `variable "${variable.name}" is declared twice` });
    const value = variable.default;
    if (value == null) return;
    const ok =
      variable.type === 'NUMBER' ? typeof value === 'number'
        : variable.type === 'BOOLEAN' ? typeof value === 'boolean'
          : variable.type === 'ENUM' ? variable.options?.includes(String(value))
            : variable.type === 'DATE' ? typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
              : typeof value === 'string';
    if (!ok) problems.push({ path: ['variables', i, 'default'], message: `default ${JSON.stringify(value)} is not a valid ${variable.type}${variable.options ? ` (one of ${variable.options.join(', ')})` : ''}` });
  });
  return problems;
}

function checkRiskMatrix(doc: NonNullable<Corpus['riskMatrix']>, at: At) {
  const { content } = doc;
  const ids = (list: { id: string }[]) => list.map((c) => c.id).join(',');
  if (ids(content.likelihoods) !== LIKELIHOODS.join(',')) at(doc, ['likelihoods'], `must list ${LIKELIHOODS.join(', ')} in that order`);
  if (ids(content.severities) !== SEVERITIES.join(',')) at(doc, ['severities'], `must list ${SEVERITIES.join(', ')} in that order`);
  content.ratings.forEach((r, i) => {
    if (r.rating !== i + 1) at(doc, ['ratings', i, 'rating'], `ratings must be listed 1 to 5 in order`);
  });
  for (const likelihood of LIKELIHOODS) {
    for (const severity of SEVERITIES) {
      const stated = content.matrix[likelihood]?.[severity];
      const expected = riskRating(severity, likelihood);
      if (stated !== expected) at(doc, ['matrix', likelihood, severity], `${likelihood} x ${severity} must be ${expected} (got ${stated ?? 'nothing'})`);
    }
  }
}

export function findHubLinks(markdown: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  markdown.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(/\]\((\/[^)\s]*)(?:\s+"[^"]*")?\)/g)) links.push({ target: match[1], line: index + 1 });
  });
  return links;
}

function checkHubLink(target: string, known: KnownReferences): string | null {
  const path = target.split(/[?#]/)[0].replace(/\/$/, '');
  const parts = path.split('/').slice(1).map(decodeURIComponent);
  switch (parts[0]) {
    case 'standards':
      if (parts.length === 1) return null;
      if (!known.standardCodes.has(parts[1])) return `no standard ${parts[1]}`;
      if (parts.length === 2) return null;
      return parts.length === 3 && known.clauseRefs.has(`${parts[1]} ${parts[2]}`) ? null : `no clause ${parts[1]} ${parts.slice(2).join('/')}`;
    case 'guidance':
      return parts.length === 1 || (parts.length === 2 && known.guidanceSlugs.has(parts[1])) ? null : `no guidance "${parts[1]}"`;
    case 'blueprints':
      return parts.length === 1 || (parts.length <= 3 && known.blueprintSlugs.has(parts[1])) ? null : `no blueprint "${parts[1]}"`;
    case 'safety-cases':
      return parts.length === 1 || (parts.length === 2 && known.safetyCaseSlugs.has(parts[1])) ? null : `no safety case "${parts[1]}"`;
    case 'learning':
      return parts.length === 1 || (parts.length === 2 && known.learningSlugs?.has(parts[1])) ? null : `no learning "${parts[1]}"`;
    case 'evidence':
      return parts.length === 1 || (parts.length === 2 && known.evidenceSlugs?.has(parts[1])) ? null : `no evidence item "${parts[1]}"`;
    case 'training':
      return parts.length === 1 || (parts.length === 2 && known.trainingSlugs?.has(parts[1])) ? null : `no training resource "${parts[1]}"`;
    case 'risk-matrix':
    case 'search':
    case 'glossary':
    case 'graphql':
      return null;
    default:
      return 'not a page of the hub';
  }
}
