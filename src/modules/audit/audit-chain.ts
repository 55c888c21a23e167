import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The prev_hash of the first entry: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: everything except its own id and hash. */
export interface AuditFields {
  at: Date;
  actorKeyId: number | null;
  actorName: string;
  actorRole: string;
  action: string;
  targetKind: string;
  targetKey: string;
  beforeHash: string | null;
  afterHash: string | null;
  summary: string | null;
  prevHash: string;
}

export interface ChainedEntry extends AuditFields {
  id: number;
  entryHash: string;
}

/** sha256 of any JSON value in RFC 8785 canonical form, so the same content always hashes the same. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalize(value) ?? 'null').digest('hex');
}

export function auditEntryHash(fields: AuditFields): string {
  return contentHash({
    at: fields.at.toISOString(),
    actorKeyId: fields.actorKeyId,
    actorName: fields.actorName,
    actorRole: fields.actorRole,
    action: fields.action,
    targetKind: fields.targetKind,
    targetKey: fields.targetKey,
    beforeHash: fields.beforeHash,
    afterHash: fields.afterHash,
    summary: fields.summary,
    prevHash: fields.prevHash,
  });
}

export interface BrokenLink {
  /** Id of the first entry that does not verify. */
  id: number;
  reason: string;
}

/**
 * Walks entries in id order and returns the first that does not verify: either its own hash no longer matches
 * its content (it was edited), or its prev_hash is not the hash of the entry before it (one was removed,
 * inserted or reordered). Stateful so that a long log can be fed in batches.
 */
export class ChainVerifier {
  private previousHash = GENESIS_HASH;
  private previousId: number | null = null;
  checked = 0;
  broken: BrokenLink | null = null;

  get headHash(): string {
    return this.previousHash;
  }

  /** Returns false once a broken link has been found; later entries are not looked at. */
  add(entry: ChainedEntry): boolean {
    if (this.broken) return false;
    if (entry.prevHash !== this.previousHash) {
      const before = this.previousId === null ? 'the start of the log' : `entry ${this.previousId}`;
      this.broken = { id: entry.id, reason: `its prev_hash does not match the hash of ${before}: an entry was removed, inserted or reordered` };
      return false;
    }
    if (auditEntryHash(entry) !== entry.entryHash) {
      this.broken = { id: entry.id, reason: 'its content does not match its entry_hash: the entry was altered' };
      return false;
    }
    this.checked += 1;
    this.previousHash = entry.entryHash;
    this.previousId = entry.id;
    return true;
  }
}
