import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { freshDatabaseUrl } from '../support/test-hub.js';

/**
 * `dcs-hub keys` and `dcs-hub audit verify` against a database of their own (a PGlite directory, or
 * TEST_DATABASE_URL). Each command starts and stops a hub, as it does on a server, hence the long timeout.
 */
describe('dcs-hub keys and audit verify', () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  const saved = { ...process.env };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dcs-hub-keys-'));
    database = await freshDatabaseUrl();
    Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl ?? '' });
  });
  afterAll(async () => {
    process.env = saved;
    await database?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      return { code: await main(argv), stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('explains each command with --help', async () => {
    for (const command of ['keys', 'audit']) {
      const help = await run(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: dcs-hub ${command}`);
    }
    const bad = await run('keys', 'create', '--role', 'superuser', '--name', 'x');
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --role (contributor, editor, admin)') });
  });

  it('creates a key shown once, lists it without its secret, revokes it, and the audit chain verifies', async () => {
    const created = await run('keys', 'create', '--role', 'editor', '--name', 'Regional editor');
    expect(created.code).toBe(0);
    const key = /^(dcs_([0-9a-f]{12})_\S+)$/m.exec(created.stdout);
    expect(key).not.toBeNull();
    const [, secret, prefix] = key!;

    expect((await run('keys', 'revoke', prefix)).stdout).toContain(`Revoked EDITOR key "Regional editor" (prefix ${prefix})`);
    const listed = await run('keys', 'list');
    expect(listed.stdout).toMatch(new RegExp(`^${prefix}\\s+EDITOR\\s+revoked .*Regional editor$`, 'm'));
    expect(listed.stdout).not.toContain(secret);
    expect((await run('keys', 'revoke', 'ffffffffffff')).code).toBe(1);

    const verified = await run('audit', 'verify');
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Audit chain verified: 2 entries, head [0-9a-f]{64}/) });
  }, 240_000);
});
