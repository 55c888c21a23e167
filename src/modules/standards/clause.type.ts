import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { Document, DocumentKind } from '../../graphql/document.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { paths } from '../../graphql/urls.js';
import type { Clause, Obligation as ObligationValue, Party as PartyValue } from './clause.entity.js';

export enum Obligation {
  SHALL = 'SHALL',
  SHOULD = 'SHOULD',
  MAY = 'MAY',
}
registerEnumType(Obligation, { name: 'Obligation', description: 'How strongly a requirement binds (the standards\' MUST is SHALL).' });

export enum Party {
  MANUFACTURER = 'MANUFACTURER',
  HEALTH_ORGANISATION = 'HEALTH_ORGANISATION',
  TOP_MANAGEMENT = 'TOP_MANAGEMENT',
  CSO = 'CSO',
}
registerEnumType(Party, { name: 'Party', description: 'Who a clause binds.' });

@Directive(cacheHint.content)
@ObjectType('Clause', { implements: [Node, Document], description: 'A numbered clause of a standard: a section heading or a requirement.' })
export class ClauseType extends Document {
  @Field(() => String, { description: 'The clause number as published, e.g. "2.3.1".' })
  number!: string;

  @Field(() => Obligation, { nullable: true, description: 'Null for section headings.' })
  obligation?: ObligationValue | null;

  @Field(() => [Party])
  binds!: PartyValue[];

  @Field(() => Boolean, { description: 'True for a numbered requirement, false for a section heading.' })
  isRequirement!: boolean;

  @Field(() => String, { description: 'Code of the standard, e.g. DCB0129.' })
  standardCode!: string;

  dbId!: number;
  standardId!: number;
  parentId!: number | null;
  counterpartId!: number | null;

  static from(clause: Clause, standardCode: string, baseUrl: string): ClauseType {
    return Object.assign(new ClauseType(), {
      id: toGlobalId('Clause', clause.id),
      dbId: clause.id,
      slug: `${standardCode}-${clause.number}`,
      kind: DocumentKind.CLAUSE,
      url: baseUrl + paths.clause(standardCode, clause.number),
      title: clause.title,
      summary: clause.summary,
      updatedAt: clause.updatedAt,
      number: clause.number,
      obligation: clause.obligation ?? null,
      binds: clause.binds as PartyValue[],
      isRequirement: clause.obligation != null,
      standardCode,
      standardId: clause.standard.id,
      parentId: clause.parentId ?? null,
      counterpartId: clause.counterpartId ?? null,
    });
  }
}
