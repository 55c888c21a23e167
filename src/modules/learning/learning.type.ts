import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { Document, DocumentKind } from '../../graphql/document.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { DateScalar } from '../../graphql/scalars.js';
import { paths } from '../../graphql/urls.js';
import type { EvidenceItem } from './evidence-item.entity.js';
import { harmScore } from './harm.js';
import { renderNarrative } from './learning-narrative.js';
import type { SafetyLearning } from './safety-learning.entity.js';

export enum SafetyEventType {
  INCIDENT = 'INCIDENT',
  RISK = 'RISK',
  OUTCOME = 'OUTCOME',
  GOOD_CARE = 'GOOD_CARE',
}
registerEnumType(SafetyEventType, {
  name: 'SafetyEventType',
  description: 'LFPSE event types: a patient safety incident, a patient safety risk, a poor outcome, or good care.',
});

export enum PhysicalHarmLevel {
  NONE = 'NONE',
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  SEVERE = 'SEVERE',
  FATAL = 'FATAL',
}
registerEnumType(PhysicalHarmLevel, { name: 'PhysicalHarmLevel', description: 'LFPSE physical harm grading, least to most.' });

export enum PsychologicalHarmLevel {
  NONE = 'NONE',
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  SEVERE = 'SEVERE',
}
registerEnumType(PsychologicalHarmLevel, { name: 'PsychologicalHarmLevel', description: 'LFPSE psychological harm grading, least to most.' });

export enum LearningOrigin {
  INGEST = 'INGEST',
  IMPORT = 'IMPORT',
}
registerEnumType(LearningOrigin, { name: 'LearningOrigin', description: 'INGEST: bundled content; IMPORT: loaded from a CSV export of safety event records.' });

export enum EvidenceStrength {
  HIGH = 'HIGH',
  MODERATE = 'MODERATE',
  LOW = 'LOW',
  VERY_LOW = 'VERY_LOW',
}
registerEnumType(EvidenceStrength, { name: 'EvidenceStrength', description: 'Confidence in the evidence, in the four GRADE levels.' });

export enum StudyDesign {
  SYSTEMATIC_REVIEW = 'SYSTEMATIC_REVIEW',
  RANDOMISED_TRIAL = 'RANDOMISED_TRIAL',
  CONTROLLED_BEFORE_AFTER = 'CONTROLLED_BEFORE_AFTER',
  INTERRUPTED_TIME_SERIES = 'INTERRUPTED_TIME_SERIES',
  BEFORE_AFTER = 'BEFORE_AFTER',
  COHORT = 'COHORT',
  CASE_SERIES = 'CASE_SERIES',
  MODELLING = 'MODELLING',
  GUIDELINE = 'GUIDELINE',
}
registerEnumType(StudyDesign, { name: 'StudyDesign' });

export enum EffectDirection {
  REDUCED_HARM = 'REDUCED_HARM',
  MIXED = 'MIXED',
  NO_CLEAR_EFFECT = 'NO_CLEAR_EFFECT',
  INCREASED_HARM = 'INCREASED_HARM',
}
registerEnumType(EffectDirection, { name: 'EffectDirection', description: 'Which way the published effect on harm points.' });

@Directive(cacheHint.content)
@ObjectType('SafetyLearning', { implements: [Node, Document], description: 'An anonymised account of a patient safety event involving a digital system, and what it taught.' })
export class SafetyLearningType extends Document {
  @Field(() => SafetyEventType)
  eventType!: SafetyEventType;
  @Field(() => PhysicalHarmLevel)
  physicalHarm!: PhysicalHarmLevel;
  @Field(() => PsychologicalHarmLevel)
  psychologicalHarm!: PsychologicalHarmLevel;
  @Field(() => Int, { description: 'The hub\'s harm weighting: physical weight (0, 1, 3, 9, 27) plus psychological weight (0, 1, 3, 9).' })
  harmScore!: number;
  @Field(() => String, { description: 'System type id from the taxonomy, e.g. E_PRESCRIBING.' })
  systemType!: string;
  @Field(() => String, { description: 'Care setting id from the taxonomy, e.g. ACUTE_HOSPITAL.' })
  setting!: string;
  @Field(() => String, { description: 'The month the event happened, YYYY-MM (no finer date is kept).' })
  occurredIn!: string;
  @Field(() => String)
  whatHappened!: string;
  @Field(() => String)
  whyItHappened!: string;
  @Field(() => String)
  whatWasLearned!: string;
  @Field(() => String)
  whatChanged!: string;
  @Field(() => String, { description: 'Markdown: the four sections above.' })
  body!: string;
  @Field(() => [String], { description: 'Hazard family ids from the taxonomy this event bears on.' })
  hazardFamilies!: string[];
  @Field(() => [String], { description: 'Clause references as "DCB0160 4.3.1"; resolve them with `clauses`.' })
  clauseRefs!: string[];
  @Field(() => [String], { description: 'Slugs of the blueprints that would have helped; resolve them with `blueprints`.' })
  blueprintSlugs!: string[];
  @Field(() => [String])
  topics!: string[];
  @Field(() => DateScalar)
  lastReviewed!: string;
  @Field(() => LearningOrigin)
  origin!: LearningOrigin;

  dbId!: number;

  static from(learning: SafetyLearning, baseUrl: string): SafetyLearningType {
    const narrative = { whatHappened: learning.whatHappened, whyItHappened: learning.whyItHappened, whatWasLearned: learning.whatWasLearned, whatChanged: learning.whatChanged };
    return Object.assign(new SafetyLearningType(), {
      id: toGlobalId('SafetyLearning', learning.id),
      dbId: learning.id,
      slug: learning.slug,
      kind: DocumentKind.LEARNING,
      url: baseUrl + paths.learning(learning.slug),
      title: learning.title,
      summary: learning.summary,
      updatedAt: learning.updatedAt,
      eventType: learning.eventType as SafetyEventType,
      physicalHarm: learning.physicalHarm as PhysicalHarmLevel,
      psychologicalHarm: learning.psychologicalHarm as PsychologicalHarmLevel,
      harmScore: harmScore(learning.physicalHarm, learning.psychologicalHarm),
      systemType: learning.systemType,
      setting: learning.setting,
      occurredIn: monthOf(learning.occurredOn),
      ...narrative,
      body: renderNarrative(narrative),
      hazardFamilies: learning.hazardFamilies,
      clauseRefs: learning.clauseRefs,
      blueprintSlugs: learning.blueprints,
      topics: learning.topics,
      lastReviewed: learning.lastReviewed,
      origin: learning.origin as LearningOrigin,
    });
  }
}

@Directive(cacheHint.content)
@ObjectType('EvidenceSource', { description: 'Where the evidence was published. The hub paraphrases; read the source before relying on it.' })
export class EvidenceSourceType {
  @Field(() => String, { description: 'Authors, title, journal or publisher.' })
  citation!: string;
  @Field(() => Int)
  year!: number;
  @Field(() => String, { nullable: true })
  url?: string | null;
}

@Directive(cacheHint.content)
@ObjectType('EvidenceItem', { implements: [Node, Document], description: 'Published evidence on whether a technology reduced patient harm, paraphrased with its source named.' })
export class EvidenceItemType extends Document {
  @Field(() => String, { description: 'Markdown commentary: what the study did and what it means for a CSO.' })
  body!: string;
  @Field(() => String, { description: 'The technology or change that was evaluated.' })
  intervention!: string;
  @Field(() => String, { nullable: true, description: 'System type id from the taxonomy, when one fits.' })
  systemType?: string | null;
  @Field(() => String, { nullable: true, description: 'Care setting id from the taxonomy, when one fits.' })
  setting?: string | null;
  @Field(() => String)
  outcomeMeasure!: string;
  @Field(() => String, { description: 'The reported effect, in words and figures.' })
  effect!: string;
  @Field(() => EffectDirection)
  effectDirection!: EffectDirection;
  @Field(() => EvidenceStrength)
  strength!: EvidenceStrength;
  @Field(() => StudyDesign)
  studyDesign!: StudyDesign;
  @Field(() => EvidenceSourceType)
  source!: EvidenceSourceType;
  @Field(() => [String], { description: 'Hazard family ids the technology addresses.' })
  hazardFamilies!: string[];
  @Field(() => [String])
  topics!: string[];
  @Field(() => DateScalar)
  lastReviewed!: string;

  dbId!: number;

  static from(item: EvidenceItem, baseUrl: string): EvidenceItemType {
    return Object.assign(new EvidenceItemType(), {
      id: toGlobalId('EvidenceItem', item.id),
      dbId: item.id,
      slug: item.slug,
      kind: DocumentKind.EVIDENCE,
      url: baseUrl + paths.evidence(item.slug),
      title: item.title,
      summary: item.summary,
      updatedAt: item.updatedAt,
      body: item.body,
      intervention: item.intervention,
      systemType: item.systemType ?? null,
      setting: item.setting ?? null,
      outcomeMeasure: item.outcomeMeasure,
      effect: item.effect,
      effectDirection: item.effectDirection as EffectDirection,
      strength: item.strength as EvidenceStrength,
      studyDesign: item.studyDesign as StudyDesign,
      source: { citation: item.sourceCitation, year: item.sourceYear, url: item.sourceUrl ?? null },
      hazardFamilies: item.hazardFamilies,
      topics: item.topics,
      lastReviewed: item.lastReviewed,
    });
  }
}

/** `occurredOn` is stored as the first of the month; MikroORM hands dates back as `YYYY-MM-DD` strings. */
export function monthOf(date: string | Date): string {
  return (typeof date === 'string' ? date : date.toISOString()).slice(0, 7);
}
