import type { Em } from '../../db/createOrm.js';
import { errors } from '../../graphql/errors.js';
import { GuidanceService } from '../guidance/guidance.service.js';
import type { GuidanceArticle } from '../guidance/guidance-article.entity.js';
import type { TrainingResource } from '../training/training-resource.entity.js';
import { TrainingService } from '../training/training.service.js';
import { CompetencyFrameworkService, type PlacedCompetency } from './competency-framework.service.js';
import { COMPETENCY_LEVELS, levelRank, type CompetencyLevel } from './competency-levels.js';

export interface CompetencyRating {
  competency: string;
  /** Null: not yet at foundation level. */
  level: CompetencyLevel | null;
}

export interface SelfAssessmentRequest {
  ratings: CompetencyRating[];
  /** The level aimed for in every competency; a CSO who signs should be at PRACTITIONER. */
  targetLevel: CompetencyLevel;
}

export interface CompetencyAssessment {
  placed: PlacedCompetency;
  currentLevel: CompetencyLevel | null;
  targetLevel: CompetencyLevel;
  /** How many levels below the target (0 for a strength). */
  levelsShort: number;
  /** The next level to work towards; null for a strength. */
  workTowards: CompetencyLevel | null;
  /** Training that helps close this gap, best fit first; empty for a strength. */
  resources: TrainingResource[];
  guidance: GuidanceArticle[];
}

export interface PillarAssessment {
  pillar: string;
  title: string;
  assessed: number;
  strengths: number;
  gaps: number;
}

export interface SuggestedResource {
  resource: TrainingResource;
  covers: PlacedCompetency[];
  score: number;
  reason: string;
}

export interface SelfAssessmentResult {
  targetLevel: CompetencyLevel;
  strengths: CompetencyAssessment[];
  gaps: CompetencyAssessment[];
  unassessed: PlacedCompetency[];
  pillars: PillarAssessment[];
  suggestedResources: SuggestedResource[];
  suggestedGuidance: GuidanceArticle[];
}

/** Resources aimed at exactly the next level fit best; higher levels up to the target still help; beyond it, a stretch. */
const FIT = { nextLevel: 2, towardsTarget: 1, stretch: 0.5 } as const;
const MAX_SUGGESTED_RESOURCES = 10;
const MAX_RATINGS = 100;

/**
 * Compares a CSO's own ratings with a target level across the framework. Nothing is stored: the ratings stay
 * with the caller, so self-assessment needs no key and holds no personal data.
 */
export class SelfAssessmentService {
  constructor(private readonly em: Em) {}

  async assess(request: SelfAssessmentRequest): Promise<SelfAssessmentResult> {
    if (request.ratings.length > MAX_RATINGS) throw errors.badInput(`At most ${MAX_RATINGS} ratings`, [{ field: 'input.ratings', message: `at most ${MAX_RATINGS}` }]);
    const framework = await new CompetencyFrameworkService(this.em).require();
    framework.assertKnown(request.ratings.map((r) => r.competency), (i) => `input.ratings[${i}].competency`);
    const target = levelRank(request.targetLevel);
    const ratingOf = new Map(request.ratings.map((r) => [r.competency, r.level]));

    const rated = framework.competencies.filter((c) => ratingOf.has(c.competency.id));
    const gapsIds = rated.filter((c) => levelRank(ratingOf.get(c.competency.id)) < target).map((c) => c.competency.id);
    const [training, guidance] = await Promise.all([
      new TrainingService(this.em).covering(gapsIds),
      new GuidanceService(this.em).findBySlugs([...new Set(rated.flatMap((c) => c.competency.guidance))]),
    ]);
    const guidanceBySlug = new Map(guidance.map((g) => [g.slug, g]));

    const assessments = rated.map((placed): CompetencyAssessment => {
      const currentLevel = ratingOf.get(placed.competency.id) ?? null;
      const current = levelRank(currentLevel);
      const levelsShort = Math.max(0, target - current);
      const fitting = levelsShort === 0 ? [] : training
        .filter((r) => r.competencies.includes(placed.competency.id))
        .map((r) => ({ resource: r, fit: fitFor(levelRank(r.level), current, target) }))
        .filter((f) => f.fit > 0)
        .sort((a, b) => b.fit - a.fit || a.resource.title.localeCompare(b.resource.title));
      return {
        placed,
        currentLevel,
        targetLevel: request.targetLevel,
        levelsShort,
        workTowards: levelsShort === 0 ? null : COMPETENCY_LEVELS[current],
        resources: fitting.map((f) => f.resource),
        guidance: placed.competency.guidance.flatMap((slug) => guidanceBySlug.get(slug) ?? []),
      };
    });
    const strengths = assessments.filter((a) => a.levelsShort === 0);
    const gaps = assessments.filter((a) => a.levelsShort > 0).sort((a, b) => b.levelsShort - a.levelsShort || a.placed.position - b.placed.position);

    return {
      targetLevel: request.targetLevel,
      strengths,
      gaps,
      unassessed: framework.competencies.filter((c) => !ratingOf.has(c.competency.id)),
      pillars: framework.content.pillars.map((pillar) => {
        const mine = assessments.filter((a) => a.placed.pillar.id === pillar.id);
        return { pillar: pillar.id, title: pillar.title, assessed: mine.length, strengths: mine.filter((a) => a.levelsShort === 0).length, gaps: mine.filter((a) => a.levelsShort > 0).length };
      }),
      suggestedResources: suggestResources(gaps, target),
      suggestedGuidance: uniqueBy(gaps.flatMap((g) => g.guidance), (g) => g.slug),
    };
  }
}

function fitFor(resourceLevel: number, current: number, target: number): number {
  if (resourceLevel <= current) return 0;
  if (resourceLevel === current + 1) return FIT.nextLevel;
  return resourceLevel <= target ? FIT.towardsTarget : FIT.stretch;
}

/** One list across all gaps: a resource that closes several gaps ranks above one that closes a single gap. */
function suggestResources(gaps: CompetencyAssessment[], target: number): SuggestedResource[] {
  const byResource = new Map<number, { resource: TrainingResource; covers: PlacedCompetency[]; score: number; nextLevelFits: number }>();
  for (const gap of gaps) {
    const current = levelRank(gap.currentLevel);
    for (const resource of gap.resources) {
      const fit = fitFor(levelRank(resource.level), current, target);
      const entry = byResource.get(resource.id) ?? { resource, covers: [], score: 0, nextLevelFits: 0 };
      entry.covers.push(gap.placed);
      entry.score += fit;
      if (fit === FIT.nextLevel) entry.nextLevelFits += 1;
      byResource.set(resource.id, entry);
    }
  }
  return [...byResource.values()]
    .sort((a, b) => b.score - a.score || a.resource.title.localeCompare(b.resource.title))
    .slice(0, MAX_SUGGESTED_RESOURCES)
    .map(({ resource, covers, score, nextLevelFits }) => ({
      resource,
      covers,
      score,
      reason: `Covers ${covers.length} of your gap${covers.length === 1 ? '' : 's'} (${covers.map((c) => c.competency.title.toLowerCase()).join('; ')})`
        + (nextLevelFits > 0 ? `, aimed at the next level you need in ${nextLevelFits === covers.length ? (covers.length === 1 ? 'it' : 'all of them') : `${nextLevelFits} of them`}` : ''),
    }));
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
