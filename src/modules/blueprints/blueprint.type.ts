import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { Document, DocumentKind } from '../../graphql/document.js';
import { Node, toGlobalId } from '../../graphql/node.js';
import { DateScalar } from '../../graphql/scalars.js';
import { paths } from '../../graphql/urls.js';
import type { Blueprint } from './blueprint.entity.js';
import type { BlueprintVersion } from './blueprint-version.entity.js';

export enum BlueprintKind {
  CRMP = 'CRMP',
  CRMF = 'CRMF',
  HAZARD_LOG = 'HAZARD_LOG',
  CSCR = 'CSCR',
  CRMS_PROCEDURE = 'CRMS_PROCEDURE',
  WORKSHOP_TOR = 'WORKSHOP_TOR',
  CSO_APPOINTMENT = 'CSO_APPOINTMENT',
  INCIDENT_PROCEDURE = 'INCIDENT_PROCEDURE',
  DEPLOYMENT_CHECKLIST = 'DEPLOYMENT_CHECKLIST',
  CHANGE_IMPACT = 'CHANGE_IMPACT',
  AUDIT_CHECKLIST = 'AUDIT_CHECKLIST',
  DECOMMISSIONING_PLAN = 'DECOMMISSIONING_PLAN',
  HANDOVER = 'HANDOVER',
  OTHER = 'OTHER',
}
registerEnumType(BlueprintKind, { name: 'BlueprintKind', description: 'Which safety artefact a blueprint produces.' });

export enum VariableType {
  STRING = 'STRING',
  TEXT = 'TEXT',
  DATE = 'DATE',
  NUMBER = 'NUMBER',
  BOOLEAN = 'BOOLEAN',
  ENUM = 'ENUM',
}
registerEnumType(VariableType, { name: 'VariableType' });

@Directive(cacheHint.content)
@ObjectType('BlueprintVariable', { description: 'A value the template asks for; rendering fills it in.' })
export class BlueprintVariableType {
  @Field(() => String)
  name!: string;
  @Field(() => VariableType)
  type!: VariableType;
  @Field(() => Boolean)
  required!: boolean;
  @Field(() => String, { nullable: true, description: 'Default value, as text.' })
  default?: string | null;
  @Field(() => String)
  description!: string;
  @Field(() => [String], { nullable: true, description: 'Allowed values of an ENUM variable.' })
  options?: string[] | null;
}

@Directive(cacheHint.content)
@ObjectType('BlueprintVersion', { description: 'One immutable published version of a blueprint.' })
export class BlueprintVersionType {
  @Field(() => String, { description: 'Semantic version, e.g. "1.2.0".' })
  version!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => String, { description: 'What changed since the previous version.' })
  changelog!: string;
  @Field(() => DateScalar)
  publishedOn!: string;
  @Field(() => String, { description: 'The template, Markdown with {{variable}} placeholders.' })
  template!: string;
  @Field(() => [BlueprintVariableType])
  variables!: BlueprintVariableType[];
  @Field(() => [String], { description: 'Clauses the artefact helps satisfy, as "DCB0129 3.2.1".' })
  clauseRefs!: string[];
  @Field(() => String)
  licence!: string;
  @Field(() => String)
  contentHash!: string;

  dbId!: number;
  blueprintSlug!: string;

  static from(version: BlueprintVersion, blueprintSlug: string): BlueprintVersionType {
    return Object.assign(new BlueprintVersionType(), {
      dbId: version.id,
      blueprintSlug,
      version: version.version,
      title: version.title,
      summary: version.summary,
      changelog: version.changelog,
      publishedOn: version.publishedOn,
      template: version.template,
      variables: version.variables.map((v) => ({ ...v, default: v.default == null ? null : String(v.default), options: v.options ?? null })),
      clauseRefs: version.clauseRefs,
      licence: version.licence,
      contentHash: version.contentHash,
    });
  }
}

@Directive(cacheHint.content)
@ObjectType('Blueprint', { implements: [Node, Document], description: 'A reusable, versioned safety artefact template.' })
export class BlueprintType extends Document {
  @Field(() => BlueprintKind)
  blueprintKind!: BlueprintKind;
  @Field(() => [String])
  topics!: string[];
  @Field(() => String, { description: 'The latest published version number.' })
  latestVersion!: string;
  @Field(() => DateScalar)
  lastReviewed!: string;

  dbId!: number;

  static from(blueprint: Blueprint, baseUrl: string): BlueprintType {
    return Object.assign(new BlueprintType(), {
      id: toGlobalId('Blueprint', blueprint.id),
      dbId: blueprint.id,
      slug: blueprint.slug,
      kind: DocumentKind.BLUEPRINT,
      url: baseUrl + paths.blueprint(blueprint.slug),
      title: blueprint.title,
      summary: blueprint.summary,
      updatedAt: blueprint.updatedAt,
      blueprintKind: blueprint.kind as BlueprintKind,
      topics: blueprint.topics,
      latestVersion: blueprint.latestVersion,
      lastReviewed: blueprint.lastReviewed,
    });
  }
}
