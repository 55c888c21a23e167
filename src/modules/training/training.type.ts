import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { Document, DocumentKind } from '../../graphql/document.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { DateScalar } from '../../graphql/scalars.js';
import { paths } from '../../graphql/urls.js';
import { CompetencyLevel } from '../competencies/competency.type.js';
import type { TrainingResource } from './training-resource.entity.js';

export enum TrainingFormat {
  E_LEARNING = 'E_LEARNING',
  LIVE_COURSE = 'LIVE_COURSE',
  BLENDED_PROGRAMME = 'BLENDED_PROGRAMME',
  READING = 'READING',
  TOOLKIT = 'TOOLKIT',
  COMMUNITY = 'COMMUNITY',
  WORK_BASED = 'WORK_BASED',
}
registerEnumType(TrainingFormat, {
  name: 'TrainingFormat',
  description: 'E_LEARNING: self-paced online. LIVE_COURSE: taught, virtual or in a room. BLENDED_PROGRAMME: a multi-level programme mixing both. READING: guidance or a standard. TOOLKIT: tools to apply. COMMUNITY: a network or events. WORK_BASED: learning on the job (shadowing, reflection).',
});

@Directive(cacheHint.content)
@ObjectType('TrainingResource', { implements: [Node, Document], description: 'A course or learning resource in the training catalogue, mapped to the competency framework.' })
export class TrainingResourceType extends Document {
  @Field(() => String, { description: 'Who runs or publishes it.' })
  provider!: string;
  @Field(() => TrainingFormat)
  format!: TrainingFormat;
  @Field(() => CompetencyLevel, { description: 'The level of the framework it helps someone reach.' })
  level!: CompetencyLevel;
  @Field(() => String, { nullable: true, description: 'What the provider publishes about cost, in the hub\'s words; null when not public.' })
  cost!: string | null;
  @Field(() => String, { nullable: true })
  duration!: string | null;
  @Field(() => String, { nullable: true, description: 'The provider\'s own page.' })
  externalUrl!: string | null;
  @Field(() => String, { description: 'Markdown: what it covers, who it suits and how it maps to the framework.' })
  body!: string;
  @Field(() => [String])
  topics!: string[];
  @Field(() => DateScalar)
  lastReviewed!: string;
  @Field(() => [String], { description: 'Framework competency ids; resolve them with `competencies`.' })
  competencySlugs!: string[];

  dbId!: number;

  static from(resource: TrainingResource, baseUrl: string): TrainingResourceType {
    return Object.assign(new TrainingResourceType(), {
      id: toGlobalId('TrainingResource', resource.id),
      dbId: resource.id,
      slug: resource.slug,
      kind: DocumentKind.TRAINING,
      url: baseUrl + paths.training(resource.slug),
      title: resource.title,
      summary: resource.summary,
      updatedAt: resource.updatedAt,
      provider: resource.provider,
      format: resource.format as TrainingFormat,
      level: resource.level as CompetencyLevel,
      cost: resource.cost ?? null,
      duration: resource.duration ?? null,
      externalUrl: resource.externalUrl ?? null,
      body: resource.body,
      topics: resource.topics,
      lastReviewed: resource.lastReviewed,
      competencySlugs: resource.competencies,
    });
  }
}
