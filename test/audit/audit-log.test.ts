import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntryHash, ChainVerifier, GENESIS_HASH, type ChainedEntry } from '../../src/modules/audit/audit-chain.js';
import { appendAudit, verifyAuditChain } from '../../src/modules/audit/audit.service.js';
import { createKey } from '../support/contributions.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

function chainOf(count: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= count; id += 1) {
    const fields = {
      at: new Date(Date.UTC(2026, 10, 23, 9, 0, id)), actorKeyId: id % 2 ? 7 : null, actorName: id % 2 ? 'Acme supplier' : 'ingest', actorRole: id % 2 ? 'CONTRIBUTOR' : 'SYSTEM',
      action: 'SUBMISSION_CREATED', targetKind: 'SUBMISSION', targetKey: String(id), beforeHash: null, afterHash: 'a'.repeat(64), summary: `entry ${id}`, prevHash,
    };
    const entryHash = auditEntryHash(fields);
    entries.push({ ...fields, id, entryHash });
    prevHash = entryHash;
  }
  return entries;
}

function firstBroken(entries: ChainedEntry[]) {
  const verifier = new ChainVerifier();
  for (const entry of entries) if (!verifier.add(entry)) break;
  return verifier.broken;
}

describe('the audit hash chain, in memory', () => {
  it('verifies an intact chain', () => {
    expect(firstBroken(chainOf(5))).toBeNull();
  });

  it('reports an edited entry as the first broken link', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2], summary: 'rewritten history' };
    expect(firstBroken(entries)).toEqual({ id: 3, reason: expect.stringContaining('was altered') });
  });

  it('reports the entry after a removed one', () => {
    const entries = chainOf(5);
    entries.splice(1, 1);
    expect(firstBroken(entries)).toEqual({ id: 3, reason: expect.stringContaining('does not match the hash of entry 1') });
  });

  it('reports entries swapped in order, and a forged first entry', () => {
    const entries = chainOf(4);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(firstBroken(entries)?.id).toBe(3);
    const forged = chainOf(2);
    forged[0] = { ...forged[0], prevHash: 'f'.repeat(64) };
    expect(firstBroken(forged)).toEqual({ id: 1, reason: expect.stringContaining('the start of the log') });
  });
});

describe('the audit log in the database', () => {
  let testHub: TestHub;
  beforeAll(async () => {
    testHub = await startTestHub({ ingest: false });
    for (const role of ['CONTRIBUTOR', 'EDITOR', 'ADMIN'] as const) await createKey(testHub.hub, role, `${role} key`);
  });
  afterAll(async () => {
    await testHub?.close();
  });
  const em = () => testHub.hub.db.orm.em.fork();

  it('chains every write and verifies', async () => {
    const result = await verifyAuditChain(em());
    expect(result).toMatchObject({ ok: true, total: 3, checked: 3, firstBroken: null });
    const rows = await em().execute<{ action: string; actor_role: string; prev_hash: string; entry_hash: string }[]>('select action, actor_role, prev_hash, entry_hash from audit_log order by id');
    expect(rows.map((r) => r.action)).toEqual(['API_KEY_CREATED', 'API_KEY_CREATED', 'API_KEY_CREATED']);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    expect(rows[1].prev_hash).toBe(rows[0].entry_hash);
    expect(result.headHash).toBe(rows[2].entry_hash);
  });

  it('keeps one chain when many writers append at once', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => em().transactional((tx) => appendAudit(tx, { keyId: null, name: `writer ${i}`, role: 'SYSTEM' }, { action: 'TEST_APPEND', targetKind: 'TEST', targetKey: String(i) }))));
    const result = await verifyAuditChain(em());
    expect(result).toMatchObject({ ok: true, total: 11, checked: 11 });
  });

  it('rolls the entry back with the write it records', async () => {
    await expect(em().transactional(async (tx) => {
      await appendAudit(tx, { keyId: null, name: 'doomed', role: 'SYSTEM' }, { action: 'TEST_APPEND', targetKind: 'TEST', targetKey: 'rolled-back' });
      throw new Error('the write failed');
    })).rejects.toThrow('the write failed');
    const rows = await em().execute("select 1 from audit_log where target_key = 'rolled-back'");
    expect(rows).toHaveLength(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    for (const sql of ["update audit_log set summary = 'edited' where id = 1", 'delete from audit_log where id = 1', 'truncate audit_log']) {
      await expect(em().execute(sql), sql).rejects.toThrow(/audit_log is append-only/);
    }
    expect((await verifyAuditChain(em())).ok).toBe(true);
  });

  it('reports the first broken link when someone with the power to switch off the guard edits history', async () => {
    const tamper = async (sql: string) => {
      await em().transactional(async (tx) => {
        await tx.execute('alter table audit_log disable trigger audit_log_no_update_delete');
        await tx.execute(sql);
        await tx.execute('alter table audit_log enable trigger audit_log_no_update_delete');
      });
    };
    const [second] = await em().execute<{ id: string }[]>('select id from audit_log order by id offset 1 limit 1');
    await tamper(`update audit_log set actor_name = 'someone else' where id = ${Number(second.id)}`);
    expect(await verifyAuditChain(em())).toMatchObject({ ok: false, checked: 1, firstBroken: { id: Number(second.id), reason: expect.stringContaining('altered') } });

    const [fifth] = await em().execute<{ id: string }[]>('select id from audit_log order by id offset 4 limit 1');
    await tamper(`delete from audit_log where id <= ${Number(second.id)}`);
    const afterDelete = await verifyAuditChain(em(), 2);
    expect(afterDelete.firstBroken).toEqual({ id: expect.any(Number), reason: expect.stringContaining('the start of the log') });
    expect(afterDelete.firstBroken!.id).toBeLessThan(Number(fifth.id));
  });
});
