import type { CompetencyFrameworkFileContent, TrainingResourceContent } from '../ingest/content-schema.js';
import { COMPETENCY_LEVELS, PILLAR_IDS } from './competency-levels.js';

/**
 * Cross-document checks for the competency framework and the training catalogue. The framework links each
 * competency to training resources and each resource lists the competencies it covers; both directions are
 * written by hand, so ingest insists they agree rather than letting the catalogue and the framework drift.
 */
/** A problem at a front matter path, or at a line of the Markdown body. */
export interface CompetencyProblem {
  path: (string | number)[];
  /** 1-based line within the body. */
  bodyLine?: number;
  message: string;
}

export interface CompetencyReferences {
  guidanceSlugs: Set<string>;
  /** Every training resource in the corpus, with the competencies it lists. */
  trainingCompetencies: Map<string, string[]>;
}

export function competencyFrameworkProblems(content: CompetencyFrameworkFileContent, known: CompetencyReferences): CompetencyProblem[] {
  const problems: CompetencyProblem[] = [];
  content.levels.forEach((level, i) => {
    if (level.id !== COMPETENCY_LEVELS[i]) problems.push({ path: ['levels', i, 'id'], message: `levels must be listed in the order ${COMPETENCY_LEVELS.join(', ')}` });
  });
  const seenPillars = new Set<string>();
  const seenCompetencies = new Set<string>();
  content.pillars.forEach((pillar, p) => {
    if (seenPillars.has(pillar.id)) problems.push({ path: ['pillars', p, 'id'], message: `pillar "${pillar.id}" is described twice; the framework has one of each of ${PILLAR_IDS.join(', ')}` });
    seenPillars.add(pillar.id);
    if (!known.guidanceSlugs.has(pillar.guidance)) problems.push({ path: ['pillars', p, 'guidance'], message: `guidance "${pillar.guidance}" does not exist` });
    pillar.competencies.forEach((competency, c) => {
      const at = ['pillars', p, 'competencies', c];
      if (seenCompetencies.has(competency.id)) problems.push({ path: [...at, 'id'], message: `competency "${competency.id}" is listed twice; ids are unique across the framework` });
      seenCompetencies.add(competency.id);
      competency.guidance.forEach((slug, g) => {
        if (!known.guidanceSlugs.has(slug)) problems.push({ path: [...at, 'guidance', g], message: `guidance "${slug}" does not exist` });
      });
      competency.training.forEach((slug, t) => {
        const covered = known.trainingCompetencies.get(slug);
        if (!covered) problems.push({ path: [...at, 'training', t], message: `training resource "${slug}" does not exist (content/training/${slug}.md)` });
        else if (!covered.includes(competency.id)) {
          problems.push({ path: [...at, 'training', t], message: `training/${slug}.md does not list "${competency.id}" in its competencies: add it there or remove "${slug}" here` });
        }
      });
    });
  });
  return problems;
}

/**
 * `frameworkTraining` maps each competency id to the training slugs the framework links it to; null when there is
 * no framework to check against (a corpus without content/competencies.md).
 */
export function trainingResourceProblems(slug: string, content: TrainingResourceContent, body: string, frameworkTraining: Map<string, string[]> | null): CompetencyProblem[] {
  const problems: CompetencyProblem[] = [];
  const seen = new Set<string>();
  content.competencies.forEach((id, i) => {
    if (seen.has(id)) problems.push({ path: ['competencies', i], message: `competency "${id}" is listed twice` });
    seen.add(id);
    if (!frameworkTraining) return;
    const linked = frameworkTraining.get(id);
    if (!linked) problems.push({ path: ['competencies', i], message: `competency "${id}" is not in the framework (content/competencies.md)` });
    else if (!linked.includes(slug)) {
      problems.push({ path: ['competencies', i], message: `content/competencies.md does not list "${slug}" under competency "${id}": add it there or remove "${id}" here` });
    }
  });
  if (frameworkTraining === null && content.competencies.length > 0) {
    problems.push({ path: ['competencies'], message: 'lists competencies but content/competencies.md, which defines them, is missing' });
  }
  if (body.trim().split(/\s+/).length < 120) problems.push({ path: ['body'], bodyLine: 1, message: 'the description must say in at least 120 words what the resource covers, who it suits and how it maps to the framework' });
  return problems;
}

/** competency id -> the training slugs the framework links it to. */
export function frameworkTrainingLinks(content: CompetencyFrameworkFileContent): Map<string, string[]> {
  return new Map(content.pillars.flatMap((pillar) => pillar.competencies.map((c) => [c.id, c.training] as const)));
}
