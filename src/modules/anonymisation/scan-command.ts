// `dcs-hub scan`: runs the anonymisation gate over files, for authors checking a document before they submit it
// and for CI. Exit status 0 = clean, 1 = identifiers found, 2 = usage error or a file that cannot be read.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { detectIdentifiers, redact } from './detect.js';
import { createLineLocator } from './text-position.js';
import type { Finding, IdentifierType } from './types.js';

export interface ScanIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const SCAN_USAGE = `Usage: dcs-hub scan [--json] [--redact] [--out DIR] FILE...

Looks for identifiers of patients and staff in text files: NHS numbers, postcodes, phone numbers, e-mail
addresses, dates of birth, names, local patient ids (MRN, hospital number), National Insurance numbers and
professional registration numbers (GMC, NMC).

Options:
  --json      print one JSON object: {"findings":[{"file","type","start","end","line","column","text"}]}
  --redact    write a redacted copy of each file beside it, as <name>.redacted<ext>
  --out DIR   with --redact, write the redacted copies into DIR instead
  --help      show this help

Exit status: 0 when nothing is found, 1 when something is, 2 on a usage error or an unreadable file.`;

export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_USAGE = 2;

interface ScanArguments {
  json: boolean;
  redact: boolean;
  outDir: string | undefined;
  files: string[];
  help: boolean;
}

/** Parses the arguments after `scan`; returns an error message instead when they do not make sense. */
export function parseScanArguments(argv: string[]): ScanArguments | { error: string } {
  const parsed: ScanArguments = { json: false, redact: false, outDir: undefined, files: [], help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--') {
      parsed.files.push(...argv.slice(index + 1));
      break;
    }
    if (argument === '--help' || argument === '-h') parsed.help = true;
    else if (argument === '--json') parsed.json = true;
    else if (argument === '--redact') parsed.redact = true;
    else if (argument === '--out' || argument.startsWith('--out=')) {
      const value = argument === '--out' ? argv[++index] : argument.slice('--out='.length);
      if (value === undefined || value === '' || (argument === '--out' && value.startsWith('--'))) return { error: '--out needs a directory' };
      parsed.outDir = value;
    } else if (argument.startsWith('-') && argument !== '-') return { error: `unknown option ${argument}` };
    else parsed.files.push(argument);
  }
  if (parsed.help) return parsed;
  if (parsed.files.length === 0) return { error: 'no files to scan' };
  if (parsed.outDir !== undefined && !parsed.redact) return { error: '--out only applies with --redact' };
  return parsed;
}

/** Where the redacted copy of `file` goes: "notes.md" becomes "notes.redacted.md", beside it or in `outDir`. */
export function redactedPathFor(file: string, outDir?: string): string {
  const name = basename(file);
  const extension = extname(name);
  const stem = extension ? name.slice(0, -extension.length) : name;
  return join(outDir ?? dirname(file), `${stem}.redacted${extension}`);
}

interface ScannedFile {
  file: string;
  text: string;
  findings: Finding[];
}

interface JsonFinding {
  file: string;
  type: IdentifierType;
  start: number;
  end: number;
  line: number;
  column: number;
  text: string;
}

function describeReadError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return `dcs-hub scan: cannot read ${file}: ${reason}`;
}

async function readAll(files: string[]): Promise<{ texts: Array<{ file: string; text: string }>; errors: string[] }> {
  const results = await Promise.all(
    files.map(async (file) => {
      try {
        return { file, text: await readFile(file, 'utf8') };
      } catch (error) {
        return { file, error: describeReadError(file, error) };
      }
    }),
  );
  return {
    texts: results.flatMap((result) => ('text' in result && result.text !== undefined ? [{ file: result.file, text: result.text }] : [])),
    errors: results.flatMap((result) => ('error' in result && result.error !== undefined ? [result.error] : [])),
  };
}

function toJsonFindings(scanned: ScannedFile[]): JsonFinding[] {
  return scanned.flatMap(({ file, text, findings }) => {
    const locate = createLineLocator(text);
    return findings.map((finding) => ({ file, type: finding.type, start: finding.start, end: finding.end, ...locate(finding.start), text: finding.text }));
  });
}

// One finding a line, like a compiler diagnostic, so editors and CI logs can jump to it.
function toTextLines(findings: JsonFinding[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.type} ${finding.text.replace(/\r?\n/g, '\\n')}`);
}

function summaryLine(scanned: ScannedFile[]): string {
  const total = scanned.reduce((sum, file) => sum + file.findings.length, 0);
  const filesWithFindings = scanned.filter((file) => file.findings.length > 0).length;
  const files = `${scanned.length} file${scanned.length === 1 ? '' : 's'}`;
  if (total === 0) return `No identifiers found in ${files}.`;
  return `${total} identifier${total === 1 ? '' : 's'} found in ${filesWithFindings} of ${files}.`;
}

/** Redacted copies must not overwrite each other (two inputs called notes.md into one --out directory). */
function findOutputClash(files: string[], outDir: string | undefined): string | undefined {
  const seen = new Map<string, string>();
  for (const file of files) {
    const target = resolve(redactedPathFor(file, outDir));
    const earlier = seen.get(target);
    if (earlier !== undefined && resolve(earlier) !== resolve(file)) return `dcs-hub scan: ${earlier} and ${file} would both be redacted to ${redactedPathFor(file, outDir)}`;
    seen.set(target, file);
  }
  return undefined;
}

async function writeRedactedCopies(scanned: ScannedFile[], outDir: string | undefined): Promise<string[]> {
  if (outDir !== undefined) await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const { file, text, findings } of scanned) {
    const target = redactedPathFor(file, outDir);
    await writeFile(target, redact(text, findings));
    written.push(target);
  }
  return written;
}

export async function runScanCommand(argv: string[], io: ScanIo): Promise<number> {
  const parsed = parseScanArguments(argv);
  if ('error' in parsed) {
    io.stderr(`dcs-hub scan: ${parsed.error}\n\n${SCAN_USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    io.stdout(SCAN_USAGE);
    return EXIT_CLEAN;
  }
  const { texts, errors } = await readAll(parsed.files);
  if (errors.length > 0) {
    io.stderr(errors.join('\n'));
    return EXIT_USAGE;
  }
  const clash = parsed.redact ? findOutputClash(parsed.files, parsed.outDir) : undefined;
  if (clash !== undefined) {
    io.stderr(clash);
    return EXIT_USAGE;
  }

  const scanned = texts.map(({ file, text }) => ({ file, text, findings: detectIdentifiers(text) }));
  const findings = toJsonFindings(scanned);
  if (parsed.json) io.stdout(JSON.stringify({ findings }));
  else io.stdout([...toTextLines(findings), summaryLine(scanned)].join('\n'));

  if (parsed.redact) {
    const written = await writeRedactedCopies(scanned, parsed.outDir);
    // With --json, stdout carries only the JSON object, so the note about the copies goes to stderr.
    const report = parsed.json ? io.stderr : io.stdout;
    report(written.map((target) => `Redacted copy written to ${target}`).join('\n'));
  }
  return findings.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
}
