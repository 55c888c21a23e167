import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { Document, DocumentKind } from '../../graphql/document.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { DateScalar } from '../../graphql/scalars.js';
import { paths } from '../../graphql/urls.js';
import { RiskType, type Likelihood, type Severity } from '../risk/risk.type.js';
import type { HazardRecord } from './hazard.entity.js';
import type { SafetyCase } from './safety-case.entity.js';

export enum HazardStatus {
  OPEN = 'OPEN',
  TRANSFERRED = 'TRANSFERRED',
  CLOSED = 'CLOSED',
}
registerEnumType(HazardStatus, { name: 'HazardStatus', description: 'TRANSFERRED: the manufacturer\'s part is done, the deploying organisation\'s is not.' });

export enum ControlType {
  DESIGN = 'DESIGN',
  TEST = 'TEST',
  TRAINING = 'TRAINING',
  PROCESS = 'PROCESS',
}
registerEnumType(ControlType, { name: 'ControlType', description: 'Kind of risk control, in order of preference: design first.' });

@Directive(cacheHint.content)
@ObjectType('HazardControl')
export class HazardControlType {
  @Field(() => String)
  description!: string;
  @Field(() => ControlType)
  type!: ControlType;
}

@Directive(cacheHint.content)
@ObjectType('Hazard', { implements: [Node, Document], description: 'A hazard in a safety case\'s hazard log.' })
export class HazardType extends Document {
  @Field(() => String, { description: 'Hazard id within its safety case, e.g. H-001.' })
  code!: string;
  @Field(() => String, { description: 'Hazard family id from the taxonomy, e.g. wrong-patient.' })
  family!: string;
  @Field(() => String)
  description!: string;
  @Field(() => [String])
  causes!: string[];
  @Field(() => [String], { description: 'Clinical impact.' })
  effects!: string[];
  @Field(() => [HazardControlType])
  controls!: HazardControlType[];
  @Field(() => RiskType)
  initialRisk!: RiskType;
  @Field(() => RiskType)
  residualRisk!: RiskType;
  @Field(() => HazardStatus)
  status!: HazardStatus;
  @Field(() => [String])
  clauseRefs!: string[];

  dbId!: number;
  safetyCaseId!: number;

  static from(hazard: HazardRecord, caseSlug: string, caseUpdatedAt: Date, baseUrl: string): HazardType {
    return Object.assign(new HazardType(), {
      id: toGlobalId('Hazard', hazard.id),
      dbId: hazard.id,
      safetyCaseId: hazard.safetyCase.id,
      slug: `${caseSlug}/${hazard.code}`,
      kind: DocumentKind.HAZARD,
      url: baseUrl + paths.hazard(caseSlug, hazard.code),
      title: hazard.title,
      summary: hazard.description,
      updatedAt: caseUpdatedAt,
      code: hazard.code,
      family: hazard.family,
      description: hazard.description,
      causes: hazard.causes,
      effects: hazard.effects,
      controls: hazard.controls as HazardControlType[],
      initialRisk: { severity: hazard.initialSeverity as Severity, likelihood: hazard.initialLikelihood as Likelihood, rating: hazard.initialRating },
      residualRisk: { severity: hazard.residualSeverity as Severity, likelihood: hazard.residualLikelihood as Likelihood, rating: hazard.residualRating },
      status: hazard.status as HazardStatus,
      clauseRefs: hazard.clauseRefs,
    });
  }
}

@Directive(cacheHint.content)
@ObjectType('SafetyCase', { implements: [Node, Document], description: 'An anonymised, shared safety case with its hazard log.' })
export class SafetyCaseType extends Document {
  @Field(() => String, { description: 'Markdown narrative.' })
  body!: string;
  @Field(() => String, { description: 'System type id from the taxonomy, e.g. E_PRESCRIBING.' })
  systemType!: string;
  @Field(() => String, { description: 'Care setting id from the taxonomy, e.g. ACUTE_HOSPITAL.' })
  setting!: string;
  @Field(() => String, { description: 'The standard the case was produced under.' })
  standardCode!: string;
  @Field(() => String)
  lifecyclePhase!: string;
  @Field(() => String, { description: 'A description of the (fictional or anonymised) organisation.' })
  organisation!: string;
  @Field(() => [String])
  topics!: string[];
  @Field(() => [String])
  clauseRefs!: string[];
  @Field(() => DateScalar)
  lastReviewed!: string;

  dbId!: number;

  static from(safetyCase: SafetyCase, baseUrl: string): SafetyCaseType {
    return Object.assign(new SafetyCaseType(), {
      id: toGlobalId('SafetyCase', safetyCase.id),
      dbId: safetyCase.id,
      slug: safetyCase.slug,
      kind: DocumentKind.SAFETY_CASE,
      url: baseUrl + paths.safetyCase(safetyCase.slug),
      title: safetyCase.title,
      summary: safetyCase.summary,
      updatedAt: safetyCase.updatedAt,
      body: safetyCase.body,
      systemType: safetyCase.systemType,
      setting: safetyCase.setting,
      standardCode: safetyCase.standardCode,
      lifecyclePhase: safetyCase.lifecyclePhase,
      organisation: safetyCase.organisation,
      topics: safetyCase.topics,
      clauseRefs: safetyCase.clauseRefs,
      lastReviewed: safetyCase.lastReviewed,
    });
  }
}
