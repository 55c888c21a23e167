import { Directive, Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import type { AuditEntry } from './audit-entry.entity.js';

@Directive(cacheHint.viewer)
@ObjectType('AuditEntry', { description: 'One write recorded in the append-only, hash-chained audit log.' })
export class AuditEntryType {
  @Field(() => Int, { description: 'Position in the log.' })
  sequence!: number;
  @Field(() => GraphQLISODateTime)
  at!: Date;
  @Field(() => String, { description: 'The key name, or "ingest" / "cli:<user>" for the hub\'s own actors.' })
  actorName!: string;
  @Field(() => String)
  actorRole!: string;
  @Field(() => String, { description: 'e.g. SUBMISSION_CREATED, SUBMISSION_APPROVE, DOCUMENT_PUBLISHED, INGEST, API_KEY_REVOKED.' })
  action!: string;
  @Field(() => String)
  targetKind!: string;
  @Field(() => String)
  targetKey!: string;
  @Field(() => String, { nullable: true })
  beforeHash!: string | null;
  @Field(() => String, { nullable: true })
  afterHash!: string | null;
  @Field(() => String, { nullable: true })
  summary!: string | null;
  @Field(() => String)
  prevHash!: string;
  @Field(() => String)
  entryHash!: string;

  static from(entry: AuditEntry): AuditEntryType {
    return Object.assign(new AuditEntryType(), {
      sequence: entry.id, at: entry.at, actorName: entry.actorName, actorRole: entry.actorRole, action: entry.action, targetKind: entry.targetKind,
      targetKey: entry.targetKey, beforeHash: entry.beforeHash ?? null, afterHash: entry.afterHash ?? null, summary: entry.summary ?? null,
      prevHash: entry.prevHash, entryHash: entry.entryHash,
    });
  }
}
