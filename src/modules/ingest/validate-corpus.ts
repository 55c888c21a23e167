import { LIKELIHOODS, SEVERITIES, riskRating } from '../risk/risk-matrix.js';
import { evidenceItemProblems, learningBodyProblems, safetyLearningProblems } from '../learning/learning-validation.js';
import { parentNumber } from '../standards/clause.entity.js';
import { competencyFrameworkProblems, frameworkTrainingLinks, trainingResourceProblems } from '../competencies/competency-validation.js';
import type { HazardSchemaContent } from './content-schema.js';
import type { Problem } from './front-matter.js';
import type { Corpus, LoadedDocument } from './load-corpus.js';

/**
 * Checks that need the whole corpus: references between documents, the controlled vocabularies, the risk
 * matrix and blueprint placeholders. Runs after the schema check, before anything touches the database.
 */
export function validateCorpus(corpus: Corpus): Problem[] {
  const problems: Problem[] = [];
  const vocab = vocabularies(corpus);
  const clauseRefs = new Set<string>();
  const latestByCode = new Map<string, LoadedDocument<Corpus['standards'][number]['content']>>();
  for (const standard of corpus.standards) {
    const current = latestByCode.get(standard.content.code);
    if (!current || current.content.publishedOn < standard.content.publishedOn) latestByCode.set(standard.content.code, standard);
  }
  for (const standard of latestByCode.values()) for (const clause of standard.content.clauses) clauseRefs.add(`${standard.content.code} ${clause.number}`);
  const guidanceSlugs = new Set(corpus.guidance.map((g) => g.key));
  const blueprintSlugs = new Set(corpus.blueprintVersions.map((b) => b.slug));
  const safetyCaseSlugs = new Set(corpus.safetyCases.map((s) => s.key));
  const learningSlugs = new Set(corpus.learnings.map((l) => l.key));
  const evidenceSlugs = new Set(corpus.evidence.map((e) => e.key));
  const trainingSlugs = new Set(corpus.training.map((t) => t.key));
  const standardCodes = new Set(corpus.standards.map((s) => s.content.code));

  const at = (doc: LoadedDocument<unknown>, path: (string | number)[], message: string) =>
    problems.push({ file: doc.file.path, line: doc.file.lineOf(path), field: path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join(''), message });
  const checkTopics = (doc: LoadedDocument<{ topics: string[] }>) =>
    doc.content.topics.forEach((topic, i) => {
      if (vocab && !vocab.topics.has(topic)) at(doc, ['topics', i], `unknown topic "${topic}" (taxonomy.md lists the topics)`);
    });
  const checkClauseRefs = (doc: LoadedDocument<unknown>, refs: string[], path: (string | number)[]) =>
    refs.forEach((ref, i) => {
      if (!clauseRefs.has(ref)) at(doc, [...path, i], `clause ${ref} does not exist`);
    });
  const checkLinks = (doc: LoadedDocument<unknown>, body: string) => {
    for (const link of findHubLinks(body)) {
      const problem = checkHubLink(link.target, { clauseRefs, guidanceSlugs, blueprintSlugs, safetyCaseSlugs, standardCodes, learningSlugs, evidenceSlugs, trainingSlugs });
      if (problem) problems.push({ file: doc.file.path, line: doc.file.bodyLine + link.line - 1, message: `broken link ${link.target}: ${problem}` });
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
    checkTopics(standard);
    checkLinks(standard, standard.file.body);
  }

  for (const article of corpus.guidance) {
    checkTopics(article);
    checkClauseRefs(article, article.content.clauses, ['clauses']);
    article.content.related.guidance.forEach((slug, i) => {
      if (!guidanceSlugs.has(slug)) at(article, ['related', 'guidance', i], `guidance "${slug}" does not exist`);
    });
    article.content.related.blueprints.forEach((slug, i) => {
      if (!blueprintSlugs.has(slug)) at(article, ['related', 'blueprints', i], `blueprint "${slug}" does not exist`);
    });
    checkLinks(article, article.file.body);
  }

  const kindBySlug = new Map<string, string>();
  for (const version of corpus.blueprintVersions) {
    checkTopics(version);
    checkClauseRefs(version, version.content.clauses, ['clauses']);
    const kind = kindBySlug.get(version.slug);
    if (kind && kind !== version.content.kind) at(version, ['kind'], `is ${version.content.kind} but other versions of ${version.slug} are ${kind}`);
    kindBySlug.set(version.slug, version.content.kind);
    checkBlueprintTemplate(version, at);
    version.content.hazards.forEach((hazard, i) => checkHazard(version, hazard, ['hazards', i], vocab, clauseRefs, at));
    checkLinks(version, version.file.body);
  }

  for (const safetyCase of corpus.safetyCases) {
    checkTopics(safetyCase);
    checkClauseRefs(safetyCase, safetyCase.content.clauses, ['clauses']);
    if (vocab && !vocab.systemTypes.has(safetyCase.content.systemType)) at(safetyCase, ['systemType'], `unknown system type "${safetyCase.content.systemType}" (taxonomy.md lists them)`);
    if (vocab && !vocab.settings.has(safetyCase.content.setting)) at(safetyCase, ['setting'], `unknown setting "${safetyCase.content.setting}" (taxonomy.md lists them)`);
    if (!standardCodes.has(safetyCase.content.standard)) at(safetyCase, ['standard'], `standard ${safetyCase.content.standard} does not exist`);
    const codes = new Set<string>();
    safetyCase.content.hazards.forEach((hazard, i) => {
      if (codes.has(hazard.code)) at(safetyCase, ['hazards', i, 'code'], `hazard ${hazard.code} is listed twice`);
      codes.add(hazard.code);
      checkHazard(safetyCase, hazard, ['hazards', i], vocab, clauseRefs, at);
    });
    checkLinks(safetyCase, safetyCase.file.body);
  }

  const learningKnown = { vocabularies: vocab, clauseRefs, blueprintSlugs };
  const reportFound = (doc: LoadedDocument<unknown>, found: { path: (string | number)[]; bodyLine?: number; message: string }[]) =>
    found.forEach((p) => (p.bodyLine === undefined ? at(doc, p.path, p.message) : problems.push({ file: doc.file.path, line: doc.file.bodyLine + p.bodyLine - 1, message: p.message })));
  for (const learning of corpus.learnings) {
    reportFound(learning, [...safetyLearningProblems(learning.content, learningKnown), ...learningBodyProblems(learning.file.body)]);
    checkLinks(learning, learning.file.body);
  }
  for (const item of corpus.evidence) {
    reportFound(item, evidenceItemProblems(item.content, item.file.body, learningKnown));
    checkLinks(item, item.file.body);
  }
  const framework = corpus.competencyFramework;
  if (framework) {
    checkTopics(framework);
    reportFound(framework, competencyFrameworkProblems(framework.content, { guidanceSlugs, trainingCompetencies: new Map(corpus.training.map((t) => [t.key, t.content.competencies])) }));
    checkLinks(framework, framework.file.body);
  }
  const frameworkTraining = framework ? frameworkTrainingLinks(framework.content) : null;
  for (const resource of corpus.training) {
    checkTopics(resource);
    reportFound(resource, trainingResourceProblems(resource.key, resource.content, resource.file.body, frameworkTraining));
    checkLinks(resource, resource.file.body);
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

type At = (doc: LoadedDocument<unknown>, path: (string | number)[], message: string) => void;

function vocabularies(corpus: Corpus) {
  const taxonomy = corpus.taxonomy?.content;
  if (!taxonomy) return null;
  return {
    topics: new Set(taxonomy.topics.map((t) => t.id)),
    systemTypes: new Set(taxonomy.systemTypes.map((t) => t.id)),
    settings: new Set(taxonomy.settings.map((t) => t.id)),
    hazardFamilies: new Set(taxonomy.hazardFamilies.map((t) => t.id)),
  };
}

function checkHazard(doc: LoadedDocument<unknown>, hazard: HazardSchemaContent, path: (string | number)[], vocab: ReturnType<typeof vocabularies>, clauseRefs: Set<string>, at: At) {
  if (vocab && !vocab.hazardFamilies.has(hazard.family)) at(doc, [...path, 'family'], `unknown hazard family "${hazard.family}" (taxonomy.md lists them)`);
  for (const which of ['initialRisk', 'residualRisk'] as const) {
    const risk = hazard[which];
    const expected = riskRating(risk.severity, risk.likelihood);
    if (risk.rating !== expected) {
      at(doc, [...path, which, 'rating'], `hazard ${hazard.code}: rating ${risk.rating} disagrees with the risk matrix: ${risk.severity} x ${risk.likelihood} is ${expected}`);
    }
  }
  hazard.clauses.forEach((ref, i) => {
    if (!clauseRefs.has(ref)) at(doc, [...path, 'clauses', i], `clause ${ref} does not exist`);
  });
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

function checkBlueprintTemplate(version: Corpus['blueprintVersions'][number], at: At) {
  const declared = new Map(version.content.variables.map((v, i) => [v.name, i]));
  const used = new Set<string>();
  for (const placeholder of templatePlaceholders(version.file.body)) {
    used.add(placeholder.name);
    if (!declared.has(placeholder.name)) {
      at(version, ['variables'], `the template uses {{${placeholder.name}}} on line ${version.file.bodyLine + placeholder.line - 1} but declares no variable "${placeholder.name}"`);
    }
  }
  version.content.variables.forEach((variable, i) => {
    if (!used.has(variable.name)) at(version, ['variables', i, 'name'], `variable "${variable.name}" is declared but the template never uses it`);
    if (declared.get(variable.name) !== i) at(version, ['variables', i, 'name'], `variable "${variable.name}" is declared twice`);
    const value = variable.default;
    if (value == null) return;
    const ok =
      variable.type === 'NUMBER' ? typeof value === 'number'
        : variable.type === 'BOOLEAN' ? typeof value === 'boolean'
          : variable.type === 'ENUM' ? variable.options?.includes(String(value))
            : variable.type === 'DATE' ? typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
              : typeof value === 'string';
    if (!ok) at(version, ['variables', i, 'default'], `default ${JSON.stringify(value)} is not a valid ${variable.type}${variable.options ? ` (one of ${variable.options.join(', ')})` : ''}`);
  });
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

interface KnownTargets {
  clauseRefs: Set<string>;
  guidanceSlugs: Set<string>;
  blueprintSlugs: Set<string>;
  safetyCaseSlugs: Set<string>;
  standardCodes: Set<string>;
  learningSlugs?: Set<string>;
  evidenceSlugs?: Set<string>;
  trainingSlugs?: Set<string>;
}

function checkHubLink(target: string, known: KnownTargets): string | null {
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
