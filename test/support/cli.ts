import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);
const LOCK = 'dist/.build-lock';
const STAMP = 'dist/.built-at';

/**
 * `dcs-hub` runs from dist/, so suites that start it as a process build first. Test files run in parallel (and
 * once per database project), so builds are serialised through a lock directory, and a build finished after
 * this call began serves every waiter.
 */
export async function buildCli(): Promise<void> {
  const asked = Date.now();
  await mkdir('dist', { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    const built = await stat(STAMP).then((s) => s.mtimeMs, () => 0);
    if (built >= asked) return;
    await run('npm', ['run', '--silent', 'build'], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`npm run build failed:\n${`${error.stdout ?? ''}${error.stderr ?? ''}`.slice(-4000)}`);
    });
    await writeFile(STAMP, new Date().toISOString());
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/**
 * Starts `node bin/dcs-hub.js ...args` with exactly `env` (plus PATH), calling `onLine` with each stdout line as
 * it arrives, so a test can act at a precise moment of the run.
 */
export function startCli(args: string[], env: Record<string, string>, onLine?: (line: string, child: ChildProcess) => void): CliRun {
  const child = spawn(process.execPath, ['bin/dcs-hub.js', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (line) => {
    stdout.push(line);
    onLine?.(line, child);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout: stdout.join('\n'), stderr }));
  });
  return { child, done };
}
