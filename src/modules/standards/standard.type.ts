import { Directive, Field, ObjectType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { Document, DocumentKind } from '../../graphql/document.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { DateScalar } from '../../graphql/scalars.js';
import { paths } from '../../graphql/urls.js';
import type { Standard } from './standard.entity.js';

@Directive(cacheHint.content)
@ObjectType('Standard', { implements: [Node, Document], description: 'One edition of a clinical risk management standard.' })
export class StandardType extends Document {
  @Field(() => String, { description: 'DCB0129 or DCB0160.' })
  code!: string;

  @Field(() => String, { description: 'Specification version, e.g. "4.2".' })
  version!: string;

  @Field(() => String, { nullable: true, description: 'Implementation guidance version.' })
  guidanceVersion?: string | null;

  @Field(() => String, { nullable: true })
  amendment?: string | null;

  @Field(() => String)
  appliesTo!: string;

  @Field(() => String, { description: 'Markdown.' })
  body!: string;

  @Field(() => DateScalar)
  publishedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  effectiveFrom?: string | null;

  @Field(() => DateScalar)
  lastReviewed!: string;

  @Field(() => [String])
  topics!: string[];

  dbId!: number;

  static from(standard: Standard, baseUrl: string): StandardType {
    return Object.assign(new StandardType(), {
      id: toGlobalId('Standard', standard.id),
      dbId: standard.id,
      slug: standard.code,
      kind: DocumentKind.STANDARD,
      url: baseUrl + paths.standard(standard.code),
      title: standard.title,
      summary: standard.summary,
      updatedAt: standard.updatedAt,
      code: standard.code,
      version: standard.version,
      guidanceVersion: standard.guidanceVersion ?? null,
      amendment: standard.amendment ?? null,
      appliesTo: standard.appliesTo,
      body: standard.body,
      publishedOn: standard.publishedOn,
      effectiveFrom: standard.effectiveFrom ?? null,
      lastReviewed: standard.lastReviewed,
      topics: standard.topics,
    });
  }
}
