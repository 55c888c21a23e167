import { userInfo } from 'node:os';
import type { Em } from '../../db/createOrm.js';
import type { KeyViewer } from '../auth/viewer.js';
import { AuditEntryEntity, type AuditEntry } from './audit-entry.entity.js';
import { auditEntryHash, ChainVerifier, GENESIS_HASH, type BrokenLink, type ChainedEntry } from './audit-chain.js';

/** Serialises appends across connections and hub instances, so two writers never chain onto the same entry. */
const AUDIT_LOCK_KEY = 0x0dc5_0a0d;

export interface AuditActor {
  keyId: number | null;
  name: string;
  role: string;
}

export function keyActor(viewer: KeyViewer): AuditActor {
  return { keyId: viewer.keyId, name: viewer.name, role: viewer.role };
}

export const INGEST_ACTOR: AuditActor = Object.freeze({ keyId: null, name: 'ingest', role: 'SYSTEM' });

/** Operator commands run on the server itself; the OS user is the best name there is for who ran them. */
export function commandLineActor(): AuditActor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // Containers may run under a uid with no passwd entry.
  }
  return { keyId: null, name: `cli:${user}`, role: 'SYSTEM' };
}

export interface AuditRecord {
  action: string;
  targetKind: string;
  targetKey: string;
  beforeHash?: string | null;
  afterHash?: string | null;
  summary?: string | null;
}

/**
 * Appends one entry. Must be called with the writing transaction's EntityManager, so the entry commits or rolls
 * back with the write it records. The advisory lock is held to the end of that transaction: the next writer
 * reads this entry's hash only after it has committed.
 */
export async function appendAudit(em: Em, actor: AuditActor, record: AuditRecord): Promise<AuditEntry> {
  await em.execute('select pg_advisory_xact_lock(?)', [AUDIT_LOCK_KEY]);
  const [last] = await em.execute<{ entry_hash: string }[]>('select entry_hash from audit_log order by id desc limit 1');
  const fields = {
    at: new Date(),
    actorKeyId: actor.keyId,
    actorName: actor.name,
    actorRole: actor.role,
    action: record.action,
    targetKind: record.targetKind,
    targetKey: record.targetKey,
    beforeHash: record.beforeHash ?? null,
    afterHash: record.afterHash ?? null,
    summary: record.summary ?? null,
    prevHash: last?.entry_hash ?? GENESIS_HASH,
  };
  const entry = em.create(AuditEntryEntity, { ...fields, entryHash: auditEntryHash(fields) });
  await em.persist(entry).flush();
  return entry;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries that verified, counted from the first. */
  checked: number;
  total: number;
  /** Hash of the last verified entry: record it elsewhere to detect truncation of the tail later. */
  headHash: string;
  firstBroken: BrokenLink | null;
}

interface AuditRow {
  id: string | number;
  at: Date | string;
  actor_key_id: number | null;
  actor_name: string;
  actor_role: string;
  action: string;
  target_kind: string;
  target_key: string;
  before_hash: string | null;
  after_hash: string | null;
  summary: string | null;
  prev_hash: string;
  entry_hash: string;
}

/** Reads the whole log in id order, in batches, and reports the first link that does not verify. */
export async function verifyAuditChain(em: Em, batchSize = 1000): Promise<AuditVerification> {
  const verifier = new ChainVerifier();
  const [{ count }] = await em.execute<{ count: string }[]>('select count(*) as count from audit_log');
  let afterId = 0;
  for (;;) {
    const rows = await em.execute<AuditRow[]>('select * from audit_log where id > ? order by id limit ?', [afterId, batchSize]);
    for (const row of rows) if (!verifier.add(toChained(row))) break;
    if (verifier.broken || rows.length < batchSize) break;
    afterId = Number(rows.at(-1)!.id);
  }
  return { ok: verifier.broken === null, checked: verifier.checked, total: Number(count), headHash: verifier.headHash, firstBroken: verifier.broken };
}

function toChained(row: AuditRow): ChainedEntry {
  return {
    id: Number(row.id),
    at: row.at instanceof Date ? row.at : new Date(row.at),
    actorKeyId: row.actor_key_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    action: row.action,
    targetKind: row.target_kind,
    targetKey: row.target_key,
    beforeHash: row.before_hash,
    afterHash: row.after_hash,
    summary: row.summary,
    prevHash: row.prev_hash,
    entryHash: row.entry_hash,
  };
}
