import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { z } from 'zod';
import {
  blueprintVersionSchema, competencyFrameworkSchema, evidenceItemSchema, glossarySchema, guidanceSchema, riskMatrixSchema, safetyCaseSchema, safetyLearningSchema, standardSchema, taxonomySchema, trainingResourceSchema,
  type BlueprintVersionContent, type CompetencyFrameworkFileContent, type EvidenceItemContent, type GlossaryContent, type GuidanceContent, type RiskMatrixFileContent, type SafetyCaseContent,
  type SafetyLearningContent, type StandardContent, type TaxonomyContent, type TrainingResourceContent,
} from './content-schema.js';
import { formatFieldPath, parseContentFile, type ParsedFile, type Problem } from './front-matter.js';

export interface LoadedDocument<T> {
  file: ParsedFile;
  /** Identity within its kind: the slug, the standard code, or `blueprint-slug@1.2.0`. */
  key: string;
  content: T;
  /** sha256 of the file's bytes: unchanged files are skipped on re-ingest. */
  hash: string;
}

export interface Corpus {
  root: string;
  taxonomy?: LoadedDocument<TaxonomyContent>;
  glossary?: LoadedDocument<GlossaryContent>;
  riskMatrix?: LoadedDocument<RiskMatrixFileContent>;
  standards: LoadedDocument<StandardContent>[];
  guidance: LoadedDocument<GuidanceContent>[];
  blueprintVersions: (LoadedDocument<BlueprintVersionContent> & { slug: string })[];
  safetyCases: LoadedDocument<SafetyCaseContent>[];
  learnings: LoadedDocument<SafetyLearningContent>[];
  evidence: LoadedDocument<EvidenceItemContent>[];
  competencyFramework?: LoadedDocument<CompetencyFrameworkFileContent>;
  training: LoadedDocument<TrainingResourceContent>[];
  /** Files stored exactly as they are, left unparsed (see StoredFiles): ingest counts them as unchanged. */
  unchanged: UnchangedFile[];
}

/** A guidance article, safety case or blueprint version whose file is byte for byte what is stored from it. */
export interface UnchangedFile {
  kind: 'guidance' | 'safety-case' | 'blueprint';
  path: string;
  /** As LoadedDocument's: the slug, or `blueprint-slug@1.2.0`. */
  key: string;
  /** The slug (of the blueprint, for a version). */
  slug: string;
  hash: string;
}

/**
 * sha256 of the file each published, ingested document was stored from, by path (taxonomy.md included); null for
 * one that must be read again all the same. A file whose bytes are the stored ones passed every check when it was
 * stored, and nothing it refers to can have gone while no stored file is missing and the taxonomy and standards
 * are unchanged: then guidance, safety cases and blueprint versions need not be parsed again, which is most of an
 * unchanged re-ingest.
 */
export type StoredFiles = ReadonlyMap<string, string | null>;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SKIPPABLE_KINDS: ReadonlySet<Placement['kind']> = new Set(['guidance', 'safety-case', 'blueprint']);

/** Reads and schema-checks every file under `root`; every problem is collected, nothing stops at the first. */
export async function loadCorpus(root: string, stored: StoredFiles = new Map()): Promise<{ corpus: Corpus; problems: Problem[] }> {
  const corpus: Corpus = { root, standards: [], guidance: [], blueprintVersions: [], safetyCases: [], learnings: [], evidence: [], training: [], unchanged: [] };
  const problems: Problem[] = [];
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) {
    return { corpus, problems: [{ file: root, line: 0, message: 'content directory not found' }] };
  }
  const files = (await listMarkdown(root)).sort();
  const hashes = new Map<string, string>();
  // Left unparsed for now, without their text: most of them stay unparsed, and a large corpus is large.
  const deferred: { absolute: string; path: string; placed: Placement; hash: string }[] = [];

  const load = (path: string, raw: string, hash: string, placed: Placement) => {
    const parsed = parseContentFile(path, raw);
    problems.push(...parsed.problems);
    if (!parsed.file) return;
    const file = parsed.file;
    const check = <S extends z.ZodTypeAny>(schema: S): z.infer<S> | undefined => {
      const result = schema.safeParse(file.data ?? {});
      if (result.success) return result.data;
      for (const issue of result.error.issues) {
        const field = formatFieldPath(issue.path);
        problems.push({ file: path, line: file.lineOf(issue.path), field: field || undefined, message: describeIssue(issue) });
      }
      return undefined;
    };

    switch (placed.kind) {
      case 'taxonomy': {
        const content = check(taxonomySchema);
        if (content) corpus.taxonomy = { file, key: 'taxonomy', content, hash };
        break;
      }
      case 'glossary': {
        const content = check(glossarySchema);
        if (content) corpus.glossary = { file, key: 'glossary', content, hash };
        break;
      }
      case 'risk-matrix': {
        const content = check(riskMatrixSchema);
        if (content) corpus.riskMatrix = { file, key: 'risk-matrix', content, hash };
        break;
      }
      case 'standard': {
        const content = check(standardSchema);
        if (!content) break;
        if (content.code !== placed.slug) problems.push({ file: path, line: file.lineOf(['code']), field: 'code', message: `is ${content.code} but the file is named ${placed.slug}.md` });
        corpus.standards.push({ file, key: content.code, content, hash });
        break;
      }
      case 'guidance': {
        const content = check(guidanceSchema);
        if (content) corpus.guidance.push({ file, key: placed.slug, content, hash });
        break;
      }
      case 'blueprint': {
        if (!SLUG.test(placed.slug)) {
          problems.push({ file: path, line: 1, message: `folder name "${placed.slug}" is not a valid slug` });
          break;
        }
        const content = check(blueprintVersionSchema);
        if (!content) break;
        if (content.version !== placed.version) {
          problems.push({ file: path, line: file.lineOf(['version']), field: 'version', message: `is ${content.version} but the file is named ${placed.version}.md` });
        }
        corpus.blueprintVersions.push({ file, key: `${placed.slug}@${content.version}`, slug: placed.slug, content, hash });
        break;
      }
      case 'safety-case': {
        const content = check(safetyCaseSchema);
        if (content) corpus.safetyCases.push({ file, key: placed.slug, content, hash });
        break;
      }
      case 'learning': {
        const content = check(safetyLearningSchema);
        if (content) corpus.learnings.push({ file, key: placed.slug, content, hash });
        break;
      }
      case 'evidence': {
        const content = check(evidenceItemSchema);
        if (content) corpus.evidence.push({ file, key: placed.slug, content, hash });
        break;
      }
      case 'competencies': {
        const content = check(competencyFrameworkSchema);
        if (content) corpus.competencyFramework = { file, key: 'competencies', content, hash };
        break;
      }
      case 'training': {
        const content = check(trainingResourceSchema);
        if (content) corpus.training.push({ file, key: placed.slug, content, hash });
        break;
      }
    }
  };

  const documents = files
    .map((absolute) => ({ absolute, path: relative(root, absolute).split(sep).join('/') }))
    .filter(({ path }) => path !== 'README.md' && !path.endsWith('/README.md'));
  const reads = new ReadAhead(documents.map((d) => d.absolute));
  for (const [index, { absolute, path }] of documents.entries()) {
    const raw = await reads.take(index);
    const hash = createHash('sha256').update(raw).digest('hex');
    hashes.set(path, hash);
    const placed = placeOf(path);
    if (!placed) {
      problems.push({ file: path, line: 1, message: 'unexpected file: content/README.md lists where each kind of document lives' });
      continue;
    }
    if (!SLUG.test(placed.slug) && placed.kind !== 'standard' && placed.kind !== 'blueprint') {
      problems.push({ file: path, line: 1, message: `file name "${placed.slug}" is not a valid slug (lower-case letters, digits, hyphens)` });
      continue;
    }
    if (SKIPPABLE_KINDS.has(placed.kind) && stored.get(path) === hash) deferred.push({ absolute, path, placed, hash });
    else load(path, raw, hash, placed);
  }

  // Every version of a blueprint is parsed when one of them is: they are checked against each other. A file that
  // failed to load is no longer there to refer to, so then every file is parsed and checked again.
  const parsedBlueprints = new Set(corpus.blueprintVersions.map((version) => version.slug));
  const referencesUnchanged = problems.length === 0
    && [...stored.keys()].every((path) => hashes.has(path))
    && [...hashes].every(([path, hash]) => !isReference(path) || stored.get(path) === hash);
  for (const file of deferred) {
    if (referencesUnchanged && !(file.placed.kind === 'blueprint' && parsedBlueprints.has(file.placed.slug))) {
      corpus.unchanged.push(unchangedFile(file.path, file.placed, file.hash));
      continue;
    }
    // Read again rather than kept: should the file have changed meanwhile, what is parsed is what is hashed.
    const raw = await readFile(file.absolute, 'utf8');
    load(file.path, raw, createHash('sha256').update(raw).digest('hex'), file.placed);
  }
  // In file order, as if none had been deferred: checks that compare documents report on the later one.
  for (const documents of [corpus.guidance, corpus.blueprintVersions, corpus.safetyCases]) documents.sort((a, b) => (a.file.path < b.file.path ? -1 : 1));

  for (const [name, present] of [['taxonomy.md', corpus.taxonomy], ['risk-matrix.md', corpus.riskMatrix]] as const) {
    if (!present && !problems.some((p) => p.file === name)) problems.push({ file: name, line: 0, message: 'is required and missing' });
  }
  return { corpus, problems };
}

/** Files read a few ahead of the one being parsed, so parsing overlaps the file system's latency without holding every file. */
class ReadAhead {
  private static readonly WINDOW = 32;
  private readonly pending = new Map<number, Promise<string>>();

  constructor(private readonly files: readonly string[]) {}

  take(index: number): Promise<string> {
    for (let next = index; next < Math.min(index + ReadAhead.WINDOW, this.files.length); next += 1) {
      if (this.pending.has(next)) continue;
      const read = readFile(this.files[next], 'utf8');
      // A failed read surfaces when its file's turn comes, not as an unhandled rejection before then.
      read.catch(() => undefined);
      this.pending.set(next, read);
    }
    const read = this.pending.get(index)!;
    this.pending.delete(index);
    return read;
  }
}

/** What every other document is checked against: the controlled vocabularies and the clauses. */
function isReference(path: string): boolean {
  return path === 'taxonomy.md' || path.startsWith('standards/');
}

function unchangedFile(path: string, placed: Placement, hash: string): UnchangedFile {
  if (placed.kind === 'blueprint') return { kind: 'blueprint', path, key: `${placed.slug}@${placed.version}`, slug: placed.slug, hash };
  return { kind: placed.kind as 'guidance' | 'safety-case', path, key: placed.slug, slug: placed.slug, hash };
}

type Placement =
  | { kind: 'taxonomy' | 'glossary' | 'risk-matrix' | 'competencies' | 'standard' | 'guidance' | 'safety-case' | 'learning' | 'evidence' | 'training'; slug: string }
  | { kind: 'blueprint'; slug: string; version: string };

function placeOf(path: string): Placement | null {
  const parts = path.replace(/\.md$/, '').split('/');
  if (parts.length === 1 && ['taxonomy', 'glossary', 'risk-matrix', 'competencies'].includes(parts[0])) return { kind: parts[0] as 'taxonomy', slug: parts[0] };
  if (parts.length === 2 && parts[0] === 'standards') return { kind: 'standard', slug: parts[1] };
  if (parts.length === 2 && parts[0] === 'guidance') return { kind: 'guidance', slug: parts[1] };
  if (parts.length === 2 && parts[0] === 'safety-cases') return { kind: 'safety-case', slug: parts[1] };
  if (parts.length === 2 && parts[0] === 'learning') return { kind: 'learning', slug: parts[1] };
  if (parts.length === 2 && parts[0] === 'evidence') return { kind: 'evidence', slug: parts[1] };
  if (parts.length === 2 && parts[0] === 'training') return { kind: 'training', slug: parts[1] };
  if (parts.length === 3 && parts[0] === 'blueprints') return { kind: 'blueprint', slug: parts[1], version: parts[2] };
  return null;
}

async function listMarkdown(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : listMarkdown(full);
      return entry.isFile() && entry.name.endsWith('.md') ? [full] : [];
    }),
  );
  return nested.flat();
}

export function describeIssue(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_enum_value') return `must be one of ${issue.options.join(', ')} (got "${String(issue.received)}")`;
  return issue.message;
}
