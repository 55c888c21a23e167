import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';

export enum Severity {
  MINOR = 'MINOR',
  SIGNIFICANT = 'SIGNIFICANT',
  CONSIDERABLE = 'CONSIDERABLE',
  MAJOR = 'MAJOR',
  CATASTROPHIC = 'CATASTROPHIC',
}
registerEnumType(Severity, { name: 'Severity', description: 'Severity categories of the DCB0129/DCB0160 risk scheme, least to most severe.' });

export enum Likelihood {
  VERY_LOW = 'VERY_LOW',
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  VERY_HIGH = 'VERY_HIGH',
}
registerEnumType(Likelihood, { name: 'Likelihood', description: 'Likelihood categories of the risk scheme, least to most likely.' });

@Directive(cacheHint.content)
@ObjectType('Risk', { description: 'A risk estimate: severity x likelihood gives the rating 1 (lowest) to 5.' })
export class RiskType {
  @Field(() => Severity)
  severity!: Severity;
  @Field(() => Likelihood)
  likelihood!: Likelihood;
  @Field(() => Int)
  rating!: number;
}

@Directive(cacheHint.content)
@ObjectType('RiskCategory')
export class RiskCategoryType {
  @Field(() => String)
  id!: string;
  @Field(() => String)
  label!: string;
  @Field(() => String)
  definition!: string;
}

@Directive(cacheHint.content)
@ObjectType('RiskRatingLevel')
export class RiskRatingLevelType {
  @Field(() => Int)
  rating!: number;
  @Field(() => String)
  label!: string;
  @Field(() => String)
  acceptability!: string;
}

@Directive(cacheHint.content)
@ObjectType('RiskMatrixCell')
export class RiskMatrixCellType {
  @Field(() => Likelihood)
  likelihood!: Likelihood;
  @Field(() => Severity)
  severity!: Severity;
  @Field(() => Int)
  rating!: number;
}

@Directive(cacheHint.content)
@ObjectType('RiskMatrix', { description: 'The risk scheme of the implementation guidance, as an organisation adopts it in its CRMP.' })
export class RiskMatrixType {
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => String, { description: 'Markdown.' })
  body!: string;
  @Field(() => String)
  url!: string;
  @Field(() => [RiskCategoryType], { description: 'Least to most likely.' })
  likelihoods!: RiskCategoryType[];
  @Field(() => [RiskCategoryType], { description: 'Least to most severe.' })
  severities!: RiskCategoryType[];
  @Field(() => [RiskRatingLevelType])
  ratings!: RiskRatingLevelType[];
  @Field(() => [RiskMatrixCellType], { description: 'All 25 cells.' })
  cells!: RiskMatrixCellType[];
}

@Directive(cacheHint.content)
@ObjectType('RiskAssessment')
export class RiskAssessmentType extends RiskType {
  @Field(() => String)
  label!: string;
  @Field(() => String, { description: 'What the rating means for acceptability and action.' })
  acceptability!: string;
}
