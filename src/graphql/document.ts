import { Directive, Field, GraphQLISODateTime, InterfaceType, registerEnumType } from 'type-graphql';
import { cacheHint } from './cache-control.js';
import { Node } from './node.js';

export enum DocumentKind {
  STANDARD = 'STANDARD',
  CLAUSE = 'CLAUSE',
  GUIDANCE = 'GUIDANCE',
  BLUEPRINT = 'BLUEPRINT',
  SAFETY_CASE = 'SAFETY_CASE',
  HAZARD = 'HAZARD',
  LEARNING = 'LEARNING',
  EVIDENCE = 'EVIDENCE',
  TRAINING = 'TRAINING',
}
registerEnumType(DocumentKind, { name: 'DocumentKind', description: 'What kind of document a search hit or link is.' });

@Directive(cacheHint.content)
@InterfaceType({
  implements: Node,
  description: 'Anything the hub publishes: it has a canonical page (`url`) and appears in search.',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Document extends Node {
  @Field(() => String, { description: 'Stable, human-readable key, unique within its kind.' })
  slug!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => DocumentKind)
  kind!: DocumentKind;

  @Field(() => String, { description: 'Canonical URL of the document page on the hub.' })
  url!: string;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}
