import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { DateScalar } from '../../graphql/scalars.js';
import type { CompetencyContent, CompetencyFrameworkContent, PillarContent } from './competency-framework.entity.js';
import { COMPETENCY_LEVELS } from './competency-levels.js';

export enum CompetencyLevel {
  FOUNDATION = 'FOUNDATION',
  PRACTITIONER = 'PRACTITIONER',
  EXPERT = 'EXPERT',
}
registerEnumType(CompetencyLevel, {
  name: 'CompetencyLevel',
  description: 'FOUNDATION: contributing under supervision. PRACTITIONER: approving safety documents for systems of moderate complexity. EXPERT: complex or novel systems, and developing others.',
});

@Directive(cacheHint.content)
@ObjectType('CompetencyLevelDefinition', { description: 'What one of the framework\'s three levels means in general.' })
export class CompetencyLevelDefinitionType {
  @Field(() => CompetencyLevel)
  level!: CompetencyLevel;
  @Field(() => String)
  label!: string;
  @Field(() => String)
  definition!: string;
}

@Directive(cacheHint.content)
@ObjectType('CompetencyLevelDescriptor', { description: 'What a competency looks like at one level, with indicators someone else could observe.' })
export class CompetencyLevelDescriptorType {
  @Field(() => CompetencyLevel)
  level!: CompetencyLevel;
  @Field(() => String)
  descriptor!: string;
  @Field(() => [String], { description: 'Observable indicators: things a mentor, manager or auditor could see.' })
  indicators!: string[];
}

@Directive(cacheHint.content)
@ObjectType('Competency', { description: 'One competency of the CSO competency framework. Its guidance and training are resolved on demand.' })
export class CompetencyType {
  @Field(() => String, { description: 'Stable id, e.g. "hazard-analysis-methods"; what self-assessment, the register and mentoring store.' })
  slug!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => String, { description: 'The pillar: communication, leadership, professionalism, knowledge or business-skills.' })
  pillar!: string;
  @Field(() => Int, { description: 'Position in the framework\'s reading order, from 0.' })
  position!: number;
  @Field(() => [CompetencyLevelDescriptorType], { description: 'FOUNDATION, PRACTITIONER and EXPERT, in that order.' })
  levels!: CompetencyLevelDescriptorType[];

  guidanceSlugs!: string[];
  trainingSlugs!: string[];

  static from(competency: CompetencyContent, pillar: PillarContent, position: number): CompetencyType {
    return Object.assign(new CompetencyType(), {
      slug: competency.id,
      title: competency.title,
      summary: competency.summary,
      pillar: pillar.id,
      position,
      levels: COMPETENCY_LEVELS.map((level) => Object.assign(new CompetencyLevelDescriptorType(), { level: level as CompetencyLevel, ...competency.levels[level] })),
      guidanceSlugs: competency.guidance,
      trainingSlugs: competency.training,
    });
  }
}

@Directive(cacheHint.content)
@ObjectType('CompetencyPillar', { description: 'One of the five pillars of CSO competence.' })
export class CompetencyPillarType {
  @Field(() => String, { description: 'communication, leadership, professionalism, knowledge or business-skills.' })
  slug!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => [CompetencyType])
  competencies!: CompetencyType[];

  guidanceSlug!: string;

  static from(pillar: PillarContent, firstPosition: number): CompetencyPillarType {
    return Object.assign(new CompetencyPillarType(), {
      slug: pillar.id,
      title: pillar.title,
      summary: pillar.summary,
      competencies: pillar.competencies.map((c, i) => CompetencyType.from(c, pillar, firstPosition + i)),
      guidanceSlug: pillar.guidance,
    });
  }
}

@Directive(cacheHint.content)
@ObjectType('CompetencyFramework', {
  description: 'DCS Hub\'s CSO competency framework: the five pillars the profession asked for, with competencies, levels and indicators. The hub\'s own framework, not an official national one.',
})
export class CompetencyFrameworkType {
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => String, { description: 'Markdown: how the framework is built and how to use it.' })
  body!: string;
  @Field(() => DateScalar)
  lastReviewed!: string;
  @Field(() => [CompetencyLevelDefinitionType])
  levels!: CompetencyLevelDefinitionType[];
  @Field(() => [CompetencyPillarType])
  pillars!: CompetencyPillarType[];

  static from(content: CompetencyFrameworkContent): CompetencyFrameworkType {
    let position = 0;
    const pillars = content.pillars.map((pillar) => {
      const type = CompetencyPillarType.from(pillar, position);
      position += pillar.competencies.length;
      return type;
    });
    return Object.assign(new CompetencyFrameworkType(), {
      title: content.title,
      summary: content.summary,
      body: content.body,
      lastReviewed: content.lastReviewed,
      levels: content.levels.map((l) => Object.assign(new CompetencyLevelDefinitionType(), { level: l.id as CompetencyLevel, label: l.label, definition: l.definition })),
      pillars,
    });
  }
}
