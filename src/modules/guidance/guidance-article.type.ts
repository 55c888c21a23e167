import { Directive, Field, ObjectType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { Document, DocumentKind } from '../../graphql/document.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { DateScalar } from '../../graphql/scalars.js';
import { paths } from '../../graphql/urls.js';
import type { GuidanceArticle } from './guidance-article.entity.js';

@Directive(cacheHint.content)
@ObjectType('GuidanceArticle', { implements: [Node, Document], description: 'A practical article for CSOs, linked to the clauses it explains.' })
export class GuidanceArticleType extends Document {
  @Field(() => String, { description: 'Markdown.' })
  body!: string;

  @Field(() => [String])
  topics!: string[];

  @Field(() => [String])
  audience!: string[];

  @Field(() => DateScalar)
  lastReviewed!: string;

  @Field(() => [String], { description: 'Clause references as "DCB0129 2.3.1"; resolve them with `clauses`.' })
  clauseRefs!: string[];

  dbId!: number;
  relatedGuidanceSlugs!: string[];
  relatedBlueprintSlugs!: string[];

  static from(article: GuidanceArticle, baseUrl: string): GuidanceArticleType {
    return Object.assign(new GuidanceArticleType(), {
      id: toGlobalId('GuidanceArticle', article.id),
      dbId: article.id,
      slug: article.slug,
      kind: DocumentKind.GUIDANCE,
      url: baseUrl + paths.guidance(article.slug),
      title: article.title,
      summary: article.summary,
      updatedAt: article.updatedAt,
      body: article.body,
      topics: article.topics,
      audience: article.audience,
      lastReviewed: article.lastReviewed,
      clauseRefs: article.clauseRefs,
      relatedGuidanceSlugs: article.relatedGuidance,
      relatedBlueprintSlugs: article.relatedBlueprints,
    });
  }
}
