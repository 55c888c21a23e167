import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactedPathFor, runScanCommand } from '../../src/modules/anonymisation/scan-command.js';

const DIRTY = 'Summary\nPatient Mrs Patel, NHS no 943 476 5919.\n';
const CLEAN = 'Clause 2.3.1 of DCB0129 v4.2, published 2018-05-01.\n';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dcs-scan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runScanCommand(argv, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) });
  return { code, stdout, stderr, out: stdout.join('\n'), err: stderr.join('\n') };
}

async function file(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('dcs-hub scan: usage', () => {
  it('--help prints usage and exits 0', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: dcs-hub scan [--json] [--redact] [--out DIR] FILE...');
    expect(result.err).toBe('');
  });

  it.each([
    [[], 'no files to scan'],
    [['--frobnicate', 'x.md'], 'unknown option --frobnicate'],
    [['--out'], '--out needs a directory'],
    [['--redact', '--out', '--json', 'x.md'], '--out needs a directory'],
    [['--out', 'somewhere', 'x.md'], '--out only applies with --redact'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain('Usage:');
    expect(result.out).toBe('');
  });

  it('a missing file is exit 2 with a clear message, and nothing is scanned', async () => {
    const present = await file('present.md', DIRTY);
    const missing = join(dir, 'missing.md');
    const result = await run(present, missing);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`dcs-hub scan: cannot read ${missing}: no such file`);
    expect(result.out).toBe('');
  });

  it('a directory is exit 2 with a clear message', async () => {
    const result = await run(dir);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`dcs-hub scan: cannot read ${dir}: it is a directory`);
  });

  it('"--" lets a file name start with a dash', async () => {
    await file('-odd.md', CLEAN);
    const previous = process.cwd();
    process.chdir(dir);
    try {
      expect((await run('--', '-odd.md')).code).toBe(0);
    } finally {
      process.chdir(previous);
    }
  });
});

describe('dcs-hub scan: findings', () => {
  it('exits 0 and says so when the files are clean', async () => {
    const clean = await file('clean.md', CLEAN);
    const result = await run(clean);
    expect(result.code).toBe(0);
    expect(result.out).toBe('No identifiers found in 1 file.');
  });

  it('prints file:line:column TYPE text per finding and exits 1', async () => {
    const dirty = await file('dirty.md', DIRTY);
    const clean = await file('clean.md', CLEAN);
    const result = await run(dirty, clean);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      `${dirty}:2:9 PERSON_NAME Mrs Patel`,
      `${dirty}:2:27 NHS_NUMBER 943 476 5919`,
      '2 identifiers found in 1 of 2 files.',
    ]);
  });

  it('--json prints exactly one JSON object with the documented fields', async () => {
    const dirty = await file('dirty.md', DIRTY);
    const result = await run('--json', dirty);
    expect(result.code).toBe(1);
    expect(result.stdout).toHaveLength(1);
    expect(result.err).toBe('');
    const parsed = JSON.parse(result.stdout[0]!);
    expect(Object.keys(parsed)).toEqual(['findings']);
    expect(parsed.findings).toEqual([
      { file: dirty, type: 'PERSON_NAME', start: 16, end: 25, line: 2, column: 9, text: 'Mrs Patel' },
      { file: dirty, type: 'NHS_NUMBER', start: 34, end: 46, line: 2, column: 27, text: '943 476 5919' },
    ]);
    for (const finding of parsed.findings) expect(Object.keys(finding)).toEqual(['file', 'type', 'start', 'end', 'line', 'column', 'text']);
    expect(DIRTY.slice(34, 46)).toBe('943 476 5919');
  });

  it('--json on clean files prints an empty findings list and exits 0', async () => {
    const clean = await file('clean.md', CLEAN);
    const result = await run('--json', clean);
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual(['{"findings":[]}']);
  });
});

describe('dcs-hub scan --redact', () => {
  it('writes <name>.redacted<ext> beside each file and says where', async () => {
    const dirty = await file('notes.md', DIRTY);
    const result = await run('--redact', dirty);
    expect(result.code).toBe(1);
    const target = join(dir, 'notes.redacted.md');
    expect(result.out).toContain(`Redacted copy written to ${target}`);
    expect(await readFile(target, 'utf8')).toBe('Summary\nPatient [PERSON_NAME], NHS no [NHS_NUMBER].\n');
    expect(await readFile(dirty, 'utf8')).toBe(DIRTY);
  });

  it('--out DIR writes the copies there, creating it; files without an extension get ".redacted"', async () => {
    const dirty = await file('README', DIRTY);
    const clean = await file('clean.txt', CLEAN);
    const out = join(dir, 'out', 'nested');
    const result = await run('--redact', '--out', out, dirty, clean);
    expect(result.code).toBe(1);
    expect((await readdir(out)).sort()).toEqual(['README.redacted', 'clean.redacted.txt']);
    expect(await readFile(join(out, 'clean.redacted.txt'), 'utf8')).toBe(CLEAN);
  });

  it('with --json the JSON stays alone on stdout and the note goes to stderr', async () => {
    const dirty = await file('notes.md', DIRTY);
    const result = await run('--json', '--redact', `--out=${join(dir, 'out')}`, dirty);
    expect(result.stdout).toHaveLength(1);
    expect(JSON.parse(result.stdout[0]!).findings).toHaveLength(2);
    expect(result.err).toContain(`Redacted copy written to ${join(dir, 'out', 'notes.redacted.md')}`);
  });

  it('refuses two inputs that would be redacted to the same file', async () => {
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    const first = await file('a/notes.md', DIRTY);
    const second = await file('b/notes.md', CLEAN);
    const result = await run('--redact', '--out', join(dir, 'out'), first, second);
    expect(result.code).toBe(2);
    expect(result.err).toContain('would both be redacted to');
  });

  it('names redacted copies predictably', () => {
    expect(redactedPathFor('docs/case.md')).toBe(join('docs', 'case.redacted.md'));
    expect(redactedPathFor('docs/archive.tar.gz', 'out')).toBe(join('out', 'archive.tar.redacted.gz'));
    expect(redactedPathFor('.env')).toBe('.env.redacted');
  });
});
