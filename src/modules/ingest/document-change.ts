/** What ingest (or a published submission) changed, for search indexes and the outbox. */
export type ChangedKind = 'STANDARD' | 'CLAUSE' | 'GUIDANCE' | 'BLUEPRINT' | 'SAFETY_CASE' | 'HAZARD' | 'LEARNING' | 'EVIDENCE' | 'TRAINING';

export interface DocumentChange {
  kind: ChangedKind;
  /** Key within the kind: slug, "DCB0129" (standard), "DCB0129 2.3.1" (clause), "case-slug/H-001" (hazard). */
  key: string;
  operation: 'UPSERT' | 'DELETE';
}
