import { Directive, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { PageInfo } from '../../graphql/connection.js';
import { Document, DocumentKind } from '../../graphql/document.js';
import { BlueprintKind } from '../blueprints/blueprint.type.js';
import type { SearchFilter } from './search-backend.js';
import type { FacetValueResult, SearchOutput } from './search.service.js';

@InputType('SearchFilter', { description: 'Narrows a search. Within a field any listed value matches; every field given must match.' })
export class SearchFilterInput {
  @Field(() => [DocumentKind], { nullable: true })
  kind?: DocumentKind[];

  @Field(() => [String], { nullable: true, description: 'Standard codes, e.g. "DCB0160": documents of, or citing clauses of, that standard.' })
  standard?: string[];

  @Field(() => [String], { nullable: true, description: 'Topic ids from the taxonomy, e.g. "hazard-log".' })
  topic?: string[];

  @Field(() => [BlueprintKind], { nullable: true })
  blueprintKind?: BlueprintKind[];

  @Field(() => [String], { nullable: true, description: 'System type ids from the taxonomy, e.g. "E_PRESCRIBING" (safety cases and their hazards).' })
  systemType?: string[];

  @Field(() => [String], { nullable: true, description: 'Care setting ids from the taxonomy, e.g. "ACUTE_HOSPITAL" (safety cases and their hazards).' })
  setting?: string[];

  toFilter(): SearchFilter {
    return {
      kinds: this.kind,
      standards: this.standard,
      topics: this.topic,
      blueprintKinds: this.blueprintKind,
      systemTypes: this.systemType,
      settings: this.setting,
    };
  }
}

@Directive(cacheHint.content)
@ObjectType('FacetValue', { description: 'One value of a facet with the number of hits that have it.' })
export class FacetValueType {
  @Field(() => String, { description: 'The value to pass back in `SearchFilter`.' })
  value!: string;

  @Field(() => String, { description: 'A label for people: the taxonomy label where there is one, else the value.' })
  label!: string;

  @Field(() => Int)
  count!: number;
}

@Directive(cacheHint.content)
@ObjectType('SearchFacets', { description: 'Counts over every hit of the query and filter, not just this page; largest first.' })
export class SearchFacetsType {
  @Field(() => [FacetValueType])
  kind!: FacetValueResult[];

  @Field(() => [FacetValueType])
  standard!: FacetValueResult[];

  @Field(() => [FacetValueType])
  topic!: FacetValueResult[];

  @Field(() => [FacetValueType])
  blueprintKind!: FacetValueResult[];

  @Field(() => [FacetValueType])
  systemType!: FacetValueResult[];

  @Field(() => [FacetValueType])
  setting!: FacetValueResult[];
}

@Directive(cacheHint.content)
@ObjectType('SearchHit', { description: 'A document that matched, with why it matched.' })
export class SearchHitType {
  @Field(() => Float, { description: 'Relevance; higher is better. Only comparable within one response.' })
  score!: number;

  @Field(() => String, {
    description: 'An HTML-safe excerpt around the matches: the text is HTML-escaped and each match is wrapped in <mark>…</mark>, '
      + 'so it can be inserted as HTML as it is. Falls back to the start of the summary when the match was not in the text (e.g. a clause reference).',
  })
  highlight!: string;

  @Field(() => Document, { description: 'The full document (Clause, GuidanceArticle, Blueprint, SafetyCase, Hazard, Standard, ...).' })
  document!: Document;
}

@Directive(cacheHint.content)
@ObjectType('SearchEdge')
export class SearchEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => SearchHitType)
  node!: SearchHitType;
}

@Directive(cacheHint.content)
@ObjectType('SearchConnection', { description: 'Search results, best first, with facet counts and spelling suggestions.' })
export class SearchConnectionType {
  @Field(() => Int, { description: 'Number of hits across all pages.' })
  totalCount!: number;

  @Field(() => [SearchEdgeType])
  edges!: SearchEdgeType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => SearchFacetsType)
  facets!: SearchOutput['facets'];

  @Field(() => [String], { description: '"Did you mean" queries: the query with misspelt words corrected. The hits already include the corrected words.' })
  suggestions!: string[];
}
