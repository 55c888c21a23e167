import { Directive, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { DateScalar } from '../../graphql/scalars.js';
import { SafetyEventType } from './learning.type.js';

export enum InsightPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(InsightPeriod, { name: 'InsightPeriod', description: 'The period learnings are counted in for series and trends.' });

export enum TrendDirection {
  RISING = 'RISING',
  FALLING = 'FALLING',
  STEADY = 'STEADY',
}
registerEnumType(TrendDirection, { name: 'TrendDirection' });

@InputType('LearningInsightsFilter')
export class LearningInsightsFilterInput {
  @Field(() => String, { nullable: true, description: 'System type id from the taxonomy.' })
  systemType?: string;
  @Field(() => String, { nullable: true, description: 'Care setting id from the taxonomy.' })
  setting?: string;
  @Field(() => String, { nullable: true, description: 'Hazard family id from the taxonomy.' })
  hazardFamily?: string;
  @Field(() => SafetyEventType, { nullable: true })
  eventType?: SafetyEventType;
  @Field(() => DateScalar, { nullable: true, description: 'Events in or after this date\'s month.' })
  from?: Date;
  @Field(() => DateScalar, { nullable: true, description: 'Events in or before this date\'s month.' })
  to?: Date;
}

@Directive(cacheHint.content)
@ObjectType('InsightTrend', { description: 'Learnings in the latest period against the period before it.' })
export class InsightTrendType {
  @Field(() => String, { nullable: true, description: 'e.g. "2026-Q3" or "2026-08". The latest period may still be in progress.' })
  latestPeriod!: string | null;
  @Field(() => String, { nullable: true })
  previousPeriod!: string | null;
  @Field(() => Int)
  latestCount!: number;
  @Field(() => Int)
  previousCount!: number;
  @Field(() => Int, { description: 'latestCount - previousCount.' })
  change!: number;
  @Field(() => TrendDirection)
  direction!: TrendDirection;
}

@Directive(cacheHint.content)
@ObjectType('InsightGroup')
export class InsightGroupType {
  @Field(() => String, { description: 'The taxonomy id or enum value the group is keyed on.' })
  key!: string;
  @Field(() => String)
  label!: string;
  @Field(() => Int)
  count!: number;
  @Field(() => Int, { description: 'Learnings in the group that recorded any physical or psychological harm.' })
  harmedCount!: number;
  @Field(() => Int, { description: 'Sum of the learnings\' harm scores (physical 0/1/3/9/27 plus psychological 0/1/3/9).' })
  harmScore!: number;
  @Field(() => Float, { description: 'count / totalCount. A learning with several hazard families counts in each.' })
  share!: number;
  @Field(() => InsightTrendType)
  trend!: InsightTrendType;
}

@Directive(cacheHint.content)
@ObjectType('InsightPeriodCount')
export class InsightPeriodCountType {
  @Field(() => String, { description: '"2025-03" (month) or "2025-Q1" (quarter).' })
  period!: string;
  @Field(() => DateScalar, { description: 'First day of the period.' })
  start!: string;
  @Field(() => Int)
  count!: number;
  @Field(() => Int)
  harmedCount!: number;
  @Field(() => Int)
  harmScore!: number;
}

@Directive(cacheHint.content)
@ObjectType('LearningInsights', {
  description: 'Published safety learnings aggregated. byHazardFamily, bySystemType and bySetting are ranked by harm score then count: the first hazard family is the one that caused the most harm.',
})
export class LearningInsightsType {
  @Field(() => InsightPeriod)
  unit!: InsightPeriod;
  @Field(() => Int)
  totalCount!: number;
  @Field(() => Int)
  harmedCount!: number;
  @Field(() => Int)
  harmScore!: number;
  @Field(() => [InsightPeriodCountType], { description: 'Every period from the first to the last, oldest first, empty periods included.' })
  periods!: InsightPeriodCountType[];
  @Field(() => InsightTrendType)
  trend!: InsightTrendType;
  @Field(() => [InsightGroupType])
  byHazardFamily!: InsightGroupType[];
  @Field(() => [InsightGroupType])
  bySystemType!: InsightGroupType[];
  @Field(() => [InsightGroupType])
  bySetting!: InsightGroupType[];
  @Field(() => [InsightGroupType], { description: 'In LFPSE order: incident, risk, outcome, good care.' })
  byEventType!: InsightGroupType[];
  @Field(() => [InsightGroupType], { description: 'From no harm to fatal.' })
  byPhysicalHarm!: InsightGroupType[];
  @Field(() => [InsightGroupType], { description: 'From no harm to severe.' })
  byPsychologicalHarm!: InsightGroupType[];
}
