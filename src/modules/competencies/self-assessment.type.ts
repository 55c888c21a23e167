import { Directive, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { GuidanceArticleType } from '../guidance/guidance-article.type.js';
import { TrainingResourceType } from '../training/training.type.js';
import { CompetencyLevel, CompetencyLevelDescriptorType, CompetencyType } from './competency.type.js';
import type { PlacedCompetency } from './competency-framework.service.js';
import type { CompetencyAssessment, SelfAssessmentResult } from './self-assessment.service.js';

@InputType('CompetencyRatingInput')
export class CompetencyRatingInput {
  @Field(() => String, { description: 'A competency id from the framework, e.g. "hazard-analysis-methods".' })
  competency!: string;
  @Field(() => CompetencyLevel, { nullable: true, description: 'Your level today; null when not yet at foundation.' })
  level?: CompetencyLevel | null;
}

@InputType('SelfAssessmentInput')
export class SelfAssessmentInput {
  @Field(() => [CompetencyRatingInput], { description: 'Your rating of each competency you assess; the others are reported as unassessed.' })
  ratings!: CompetencyRatingInput[];
  @Field(() => CompetencyLevel, { defaultValue: CompetencyLevel.PRACTITIONER, description: 'The level you are aiming for in every competency; PRACTITIONER for a CSO who signs.' })
  targetLevel!: CompetencyLevel;
}

function competencyOf(placed: PlacedCompetency): CompetencyType {
  return CompetencyType.from(placed.competency, placed.pillar, placed.position);
}

@Directive(cacheHint.content)
@ObjectType('CompetencyAssessment', { description: 'One competency compared with the target level.' })
export class CompetencyAssessmentType {
  @Field(() => CompetencyType)
  competency!: CompetencyType;
  @Field(() => CompetencyLevel, { nullable: true, description: 'As rated; null when not yet at foundation.' })
  currentLevel!: CompetencyLevel | null;
  @Field(() => CompetencyLevel)
  targetLevel!: CompetencyLevel;
  @Field(() => Int, { description: 'Levels below the target; 0 for a strength.' })
  levelsShort!: number;
  @Field(() => CompetencyLevelDescriptorType, { nullable: true, description: 'The next level to work towards, with the indicators to aim for; null for a strength.' })
  workTowards!: CompetencyLevelDescriptorType | null;
  @Field(() => [TrainingResourceType], { description: 'Training that helps close this gap, best fit first; empty for a strength.' })
  resources!: TrainingResourceType[];
  @Field(() => [GuidanceArticleType])
  guidance!: GuidanceArticleType[];

  static from(assessment: CompetencyAssessment, baseUrl: string): CompetencyAssessmentType {
    const competency = competencyOf(assessment.placed);
    return Object.assign(new CompetencyAssessmentType(), {
      competency,
      currentLevel: assessment.currentLevel as CompetencyLevel | null,
      targetLevel: assessment.targetLevel as CompetencyLevel,
      levelsShort: assessment.levelsShort,
      workTowards: assessment.workTowards ? competency.levels.find((l) => l.level === assessment.workTowards) ?? null : null,
      resources: assessment.resources.map((r) => TrainingResourceType.from(r, baseUrl)),
      guidance: assessment.guidance.map((g) => GuidanceArticleType.from(g, baseUrl)),
    });
  }
}

@Directive(cacheHint.content)
@ObjectType('PillarAssessment', { description: 'How the rated competencies of one pillar compare with the target.' })
export class PillarAssessmentType {
  @Field(() => String)
  pillar!: string;
  @Field(() => String)
  title!: string;
  @Field(() => Int)
  assessed!: number;
  @Field(() => Int)
  strengths!: number;
  @Field(() => Int)
  gaps!: number;
}

@Directive(cacheHint.content)
@ObjectType('SuggestedTrainingResource', { description: 'A training resource suggested for a set of gaps, with why.' })
export class SuggestedTrainingResourceType {
  @Field(() => TrainingResourceType)
  resource!: TrainingResourceType;
  @Field(() => [CompetencyType], { description: 'The gaps it helps with.' })
  covers!: CompetencyType[];
  @Field(() => Float, { description: 'Sum over the gaps it covers: 2 when aimed at the next level needed, 1 when between that and the target, 0.5 beyond the target.' })
  score!: number;
  @Field(() => String)
  reason!: string;
}

@Directive(cacheHint.content)
@ObjectType('SelfAssessment', { description: 'Strengths, gaps and suggested resources from a self-assessment against the competency framework. Nothing is stored.' })
export class SelfAssessmentType {
  @Field(() => CompetencyLevel)
  targetLevel!: CompetencyLevel;
  @Field(() => [CompetencyAssessmentType], { description: 'Competencies at or above the target, in framework order.' })
  strengths!: CompetencyAssessmentType[];
  @Field(() => [CompetencyAssessmentType], { description: 'Competencies below the target, largest gap first.' })
  gaps!: CompetencyAssessmentType[];
  @Field(() => [CompetencyType], { description: 'Competencies not rated.' })
  unassessed!: CompetencyType[];
  @Field(() => [PillarAssessmentType])
  pillars!: PillarAssessmentType[];
  @Field(() => [SuggestedTrainingResourceType], { description: 'Training across all gaps, most useful first (at most 10).' })
  suggestedResources!: SuggestedTrainingResourceType[];
  @Field(() => [GuidanceArticleType], { description: 'Guidance articles behind the gaps.' })
  suggestedGuidance!: GuidanceArticleType[];

  static from(result: SelfAssessmentResult, baseUrl: string): SelfAssessmentType {
    return Object.assign(new SelfAssessmentType(), {
      targetLevel: result.targetLevel as CompetencyLevel,
      strengths: result.strengths.map((a) => CompetencyAssessmentType.from(a, baseUrl)),
      gaps: result.gaps.map((a) => CompetencyAssessmentType.from(a, baseUrl)),
      unassessed: result.unassessed.map(competencyOf),
      pillars: result.pillars.map((p) => Object.assign(new PillarAssessmentType(), p)),
      suggestedResources: result.suggestedResources.map((s) => Object.assign(new SuggestedTrainingResourceType(), {
        resource: TrainingResourceType.from(s.resource, baseUrl),
        covers: s.covers.map(competencyOf),
        score: s.score,
        reason: s.reason,
      })),
      suggestedGuidance: result.suggestedGuidance.map((g) => GuidanceArticleType.from(g, baseUrl)),
    });
  }
}
