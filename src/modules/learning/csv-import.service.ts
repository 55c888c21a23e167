import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { Database, Em } from '../../db/createOrm.js';
import type { Logger } from '../../logger.js';
import { scanFields } from '../anonymisation/detectors.js';
import type { DocumentChange } from '../ingest/document-change.js';
import { safetyLearningSchema, type SafetyLearningContent } from '../ingest/content-schema.js';
import { RevisionEntity, type RevisionAction } from '../revisions/revision.entity.js';
import { SearchOutboxEntity } from '../search/search-outbox.entity.js';
import { BlueprintEntity } from '../blueprints/blueprint.entity.js';
import { ClauseEntity } from '../standards/clause.entity.js';
import { StandardEntity } from '../standards/standard.entity.js';
import { NARRATIVE_SECTIONS, type Narrative } from './learning-narrative.js';
import { safetyLearningProblems, type LearningReferences } from './learning-validation.js';
import { SafetyLearningEntity, type SafetyLearning } from './safety-learning.entity.js';
import { loadVocabularies } from './vocabulary.js';

/**
 * The columns of a safety event export the hub accepts (docs/learning-import.md documents them for users).
 * Header names are matched case-insensitively, with spaces and punctuation read as underscores.
 */
export const LEARNING_CSV_COLUMNS = [
  { name: 'reference', required: true, description: 'The event\'s reference in the source system; unique in the file. It becomes the learning\'s slug, so importing the same reference again updates that learning.' },
  { name: 'title', required: true, description: 'A short, anonymised title (at most 160 characters).' },
  { name: 'summary', required: true, description: 'One or two anonymised sentences for search results (at most 400 characters).' },
  { name: 'event_type', required: true, description: 'incident, risk, outcome or good care (LFPSE wording such as "Patient safety incident" is accepted).' },
  { name: 'physical_harm', required: true, description: 'none, low, moderate, severe or fatal ("No physical harm", "Low physical harm" ... are accepted).' },
  { name: 'psychological_harm', required: true, description: 'none, low, moderate or severe.' },
  { name: 'system_type', required: true, description: 'A system type id or label from the taxonomy, e.g. E_PRESCRIBING or "Electronic prescribing and medicines administration".' },
  { name: 'setting', required: true, description: 'A care setting id or label from the taxonomy, e.g. ACUTE_HOSPITAL.' },
  { name: 'occurred', required: true, description: 'When the event happened: YYYY-MM or YYYY-MM-DD. Only the month is kept.' },
  { name: 'what_happened', required: true, description: 'Free text: what happened, anonymised.' },
  { name: 'why_it_happened', required: true, description: 'Free text: the contributory factors.' },
  { name: 'what_was_learned', required: true, description: 'Free text: the learning.' },
  { name: 'what_changed', required: true, description: 'Free text: what was changed as a result.' },
  { name: 'hazard_families', required: true, description: 'One or more hazard family ids from the taxonomy, separated by ";" (e.g. "medication; configuration").' },
  { name: 'clauses', required: false, description: 'Clause references separated by ";" (e.g. "DCB0160 4.3.1; DCB0129 7.2.1").' },
  { name: 'blueprints', required: false, description: 'Slugs of the blueprints that would have helped, separated by ";".' },
  { name: 'topics', required: false, description: 'Topic ids separated by ";"; default "patient-safety-events".' },
] as const;
type ColumnName = (typeof LEARNING_CSV_COLUMNS)[number]['name'];

const MAX_ROWS = 5000;
const IMPORT_LOCK_KEY = 0x0dc5_0002;

export interface ImportProblem {
  /** 1-based data row (the header is not a row); absent for problems with the file or its header. */
  row?: number;
  /** 1-based physical line of the file where the row starts (the header is line 1). */
  line: number;
  column?: string;
  message: string;
}

export function formatImportProblem(file: string, problem: ImportProblem): string {
  const where = problem.row ? `row ${problem.row} (line ${problem.line})` : `line ${problem.line}`;
  return `${file}: ${where}${problem.column ? `, column ${problem.column}` : ''}: ${problem.message}`;
}

export class LearningImportError extends Error {
  constructor(readonly file: string, readonly problems: ImportProblem[]) {
    const shown = problems.slice(0, 200).map((p) => formatImportProblem(file, p));
    const more = problems.length > shown.length ? `\n... and ${problems.length - shown.length} more` : '';
    super(`Import rejected: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.\n${shown.join('\n')}${more}`);
    this.name = 'LearningImportError';
  }
}

export interface LearningImportOptions {
  /** The file's name, used in messages and recorded as each learning's source. */
  fileName: string;
  csv: string | Buffer;
  /** Validate and compute every change, then roll the transaction back. */
  dryRun?: boolean;
  /** Called inside the import transaction with every change, as ingest does, so a search index moves with it. */
  onChanges?: (em: Em, changes: DocumentChange[]) => Promise<void>;
}

export interface LearningImportReport {
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  changes: DocumentChange[];
  summaryLine: string;
}

interface ParsedRow {
  row: number;
  line: number;
  values: Map<ColumnName, string>;
}

interface MappedRow {
  row: ParsedRow;
  slug: string;
  content: Omit<SafetyLearningContent, 'lastReviewed' | 'anonymisationAllowances'>;
  narrative: Narrative;
}

class DryRunRollback extends Error {}

/**
 * Imports anonymised learnings from a CSV export of safety event records, all or nothing: every row is parsed,
 * put through the anonymisation gate and checked against the taxonomy, clauses and blueprints before anything is
 * written, and the writes happen in one transaction. Messages name the row, line and column of each problem and
 * never repeat a detected identifier or a cell that held one.
 */
export async function importLearningCsv(hub: { db: Database; logger: Logger }, options: LearningImportOptions): Promise<LearningImportReport> {
  const file = basename(options.fileName);
  const { rows, problems } = parseCsv(options.csv);
  if (problems.length > 0) throw new LearningImportError(file, problems);

  const changes: DocumentChange[] = [];
  const counts = { added: 0, updated: 0, unchanged: 0 };
  try {
    await hub.db.orm.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?)', [IMPORT_LOCK_KEY]);
      const known = await referencesFromDatabase(em);
      if (!known.vocabularies) throw new LearningImportError(file, [{ line: 1, message: 'the hub has no taxonomy to check the rows against: run "dcs-hub ingest" first' }]);
      const mapped: MappedRow[] = [];
      for (const row of rows) {
        const result = mapRow(row, known);
        problems.push(...result.problems);
        if (result.mapped) mapped.push(result.mapped);
      }
      problems.push(...duplicateReferences(mapped));
      const existing = await em.find(SafetyLearningEntity, { slug: { $in: mapped.map((m) => m.slug) } });
      const bySlug = new Map(existing.map((l) => [l.slug, l]));
      for (const { row, slug } of mapped) {
        const current = bySlug.get(slug);
        if (current && current.origin !== 'IMPORT') {
          problems.push({ row: row.row, line: row.line, column: 'reference', message: `becomes slug "${slug}", which belongs to a bundled learning from content/; use another reference` });
        }
      }
      if (problems.length > 0) throw new LearningImportError(file, sortProblems(problems));

      for (const item of mapped) store(em, item, bySlug.get(item.slug), file, counts, changes);
      await em.flush();
      if (options.onChanges && changes.length > 0) await options.onChanges(em, changes);
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  const dryRun = options.dryRun ?? false;
  const summaryLine = `${dryRun ? 'Dry run: ' : ''}${rows.length} row${rows.length === 1 ? '' : 's'}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged${dryRun ? ' (nothing written)' : ''}`;
  hub.logger.info({ file, rows: rows.length, ...counts, dryRun }, 'learning import finished');
  return { rows: rows.length, ...counts, dryRun, changes, summaryLine };
}

function store(em: Em, item: MappedRow, current: SafetyLearning | undefined, file: string, counts: { added: number; updated: number; unchanged: number }, changes: DocumentChange[]): void {
  const { content, narrative, slug, row } = item;
  const hash = createHash('sha256').update(JSON.stringify({ content, narrative })).digest('hex');
  if (current && current.contentHash === hash && current.published) {
    counts.unchanged += 1;
    return;
  }
  const today = new Date().toISOString().slice(0, 10);
  const fields = {
    slug, title: content.title, summary: content.summary, eventType: content.eventType, physicalHarm: content.physicalHarm, psychologicalHarm: content.psychologicalHarm,
    systemType: content.systemType, setting: content.setting, occurredOn: `${content.occurred}-01`, ...narrative, hazardFamilies: content.hazardFamilies,
    clauseRefs: content.clauses, blueprints: content.blueprints, topics: content.topics, lastReviewed: today, contentHash: hash,
    sourcePath: `${file} row ${row.row}`, origin: 'IMPORT' as const, published: true,
  };
  let action: RevisionAction;
  if (current) {
    action = current.published ? 'UPDATED' : 'REPUBLISHED';
    Object.assign(current, fields);
    counts.updated += 1;
  } else {
    action = 'CREATED';
    em.create(SafetyLearningEntity, { ...fields, createdAt: new Date(), updatedAt: new Date() });
    counts.added += 1;
  }
  em.create(RevisionEntity, {
    documentKind: 'LEARNING', documentKey: slug, action, contentHash: hash, previousHash: current?.contentHash ?? null,
    summary: `${action === 'CREATED' ? 'Imported' : 'Re-imported'} from ${file} row ${row.row}`, source: 'IMPORT',
    snapshot: { frontMatter: content, narrative, path: `${file} row ${row.row}` }, createdAt: new Date(),
  });
  em.create(SearchOutboxEntity, { documentKind: 'LEARNING', documentKey: slug, operation: 'UPSERT', enqueuedAt: new Date(), attempts: 0 });
  changes.push({ kind: 'LEARNING', key: slug, operation: 'UPSERT' });
}

/** Parses the file and checks its header; rows are only split into cells here, not yet validated. */
export function parseCsv(csv: string | Buffer): { rows: ParsedRow[]; problems: ImportProblem[] } {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(csv, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) return { rows: [], problems: [{ line: Number((error as CsvError & { lines?: number }).lines ?? 1), message: describeCsvError(error.code) }] };
    throw error;
  }
  if (records.length === 0) return { rows: [], problems: [{ line: 1, message: 'the file is empty: it needs a header line and at least one row' }] };

  const problems: ImportProblem[] = [];
  const header = records[0].record.map(normaliseHeader);
  const headerLine = records[0].info.lines;
  const known = new Set<string>(LEARNING_CSV_COLUMNS.map((c) => c.name));
  header.forEach((name, i) => {
    if (!known.has(name)) problems.push({ line: headerLine, column: name || `#${i + 1}`, message: `unknown column; the accepted columns are ${LEARNING_CSV_COLUMNS.map((c) => c.name).join(', ')}` });
    if (header.indexOf(name) !== i) problems.push({ line: headerLine, column: name, message: 'the column appears twice' });
  });
  for (const column of LEARNING_CSV_COLUMNS) {
    if (column.required && !header.includes(column.name)) problems.push({ line: headerLine, column: column.name, message: 'required column is missing from the header' });
  }
  if (records.length === 1) problems.push({ line: headerLine, message: 'the file has a header but no rows' });
  if (records.length - 1 > MAX_ROWS) problems.push({ line: headerLine, message: `the file has ${records.length - 1} rows; import at most ${MAX_ROWS} at a time` });
  if (problems.length > 0) return { rows: [], problems };

  const rows: ParsedRow[] = [];
  let previousEnd = headerLine;
  let previousEmpty = records[0].info.empty_lines;
  records.slice(1).forEach(({ record, info }, index) => {
    // csv-parse reports where a record ends; it starts after the previous one and any blank lines between them.
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    const values = new Map<ColumnName, string>();
    header.forEach((name, i) => values.set(name as ColumnName, (record[i] ?? '').trim()));
    rows.push({ row: index + 1, line, values });
  });
  return { rows, problems };
}

function describeCsvError(code: string): string {
  // csv-parse's own messages quote the offending cell, which may hold an identifier: describe it instead.
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed: check for a missing closing double quote';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell has text after its closing quote: double any quote inside a quoted cell ("")';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return 'this line has a different number of cells from the header';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'unexpected characters after a closing quote';
    default:
      return `the file is not valid CSV (${code})`;
  }
}

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Column each front matter field of the learning schema comes from, for naming the column in a message. */
const COLUMN_OF_FIELD: Record<string, ColumnName> = {
  title: 'title', summary: 'summary', eventType: 'event_type', physicalHarm: 'physical_harm', psychologicalHarm: 'psychological_harm', systemType: 'system_type',
  setting: 'setting', occurred: 'occurred', hazardFamilies: 'hazard_families', clauses: 'clauses', blueprints: 'blueprints', topics: 'topics',
};

interface ImportReferences extends LearningReferences {
  systemTypeByLabel: Map<string, string>;
  settingByLabel: Map<string, string>;
}

function mapRow(row: ParsedRow, known: ImportReferences): { mapped?: MappedRow; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const at = (column: string, message: string) => problems.push({ row: row.row, line: row.line, column, message });
  const value = (column: ColumnName) => row.values.get(column) ?? '';

  // The gate first, over every cell: a column with a finding is reported for that and nothing else, so no
  // later message can quote the identifier back.
  const findings = scanFields([...row.values].map(([field, text]) => ({ field, text })));
  const gated = new Set<string>();
  for (const finding of findings) {
    gated.add(finding.field);
    at(finding.field, `possible ${finding.type} at line ${finding.line}, column ${finding.column} of the cell: remove it from the source record and export again`);
  }

  const reference = value('reference');
  const slug = reference.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 160);
  if (!gated.has('reference') && !slug) at('reference', 'is required: the event\'s reference in the source system');

  const list = (column: ColumnName) => value(column).split(/[;\n]/).map((s) => s.trim()).filter(Boolean);
  const topics = list('topics');
  const candidate = {
    title: value('title'),
    summary: value('summary'),
    topics: topics.length > 0 ? topics : ['patient-safety-events'],
    lastReviewed: new Date().toISOString().slice(0, 10),
    eventType: enumValue(value('event_type'), EVENT_TYPE_WORDS),
    physicalHarm: enumValue(value('physical_harm'), HARM_WORDS),
    psychologicalHarm: enumValue(value('psychological_harm'), HARM_WORDS),
    systemType: termId(value('system_type'), known.systemTypeByLabel),
    setting: termId(value('setting'), known.settingByLabel),
    occurred: /^\d{4}-\d{2}(-\d{2})?$/.test(value('occurred')) ? value('occurred').slice(0, 7) : value('occurred'),
    hazardFamilies: list('hazard_families'),
    clauses: list('clauses').map((ref) => ref.replace(/\s+/g, ' ').toUpperCase().replace(/^(DCB\d{4})\s*/, '$1 ')),
    blueprints: list('blueprints'),
  };
  const parsed = safetyLearningSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = COLUMN_OF_FIELD[String(issue.path[0])] ?? String(issue.path[0]);
      if (!gated.has(column)) at(column, describeIssue(issue, column, value(column as ColumnName)));
    }
  }

  const narrative = {} as Narrative;
  for (const section of NARRATIVE_SECTIONS) {
    const text = value(section.column);
    if (!text && !gated.has(section.column)) at(section.column, `is required: ${section.heading.toLowerCase()}, anonymised`);
    else if (text.length > 8000) at(section.column, 'is longer than 8000 characters');
    narrative[section.field] = text;
  }

  if (parsed.success) {
    for (const problem of safetyLearningProblems(parsed.data, known)) {
      const column = COLUMN_OF_FIELD[String(problem.path[0])] ?? String(problem.path[0]);
      if (!gated.has(column)) at(column, problem.message);
    }
  }
  if (problems.length > 0 || !parsed.success) return { problems };
  const { lastReviewed: _lastReviewed, anonymisationAllowances: _allowances, ...content } = parsed.data;
  return { mapped: { row, slug, content, narrative }, problems };
}

const EVENT_TYPE_WORDS: Record<string, string> = {
  incident: 'INCIDENT', patient_safety_incident: 'INCIDENT', risk: 'RISK', patient_safety_risk: 'RISK',
  outcome: 'OUTCOME', poor_outcome: 'OUTCOME', good_care: 'GOOD_CARE', good_practice: 'GOOD_CARE',
};
const HARM_WORDS: Record<string, string> = { none: 'NONE', no: 'NONE', no_harm: 'NONE', low: 'LOW', moderate: 'MODERATE', severe: 'SEVERE', fatal: 'FATAL', death: 'FATAL' };

/** LFPSE wording ("Low physical harm", "Patient safety incident") or the hub's own enum value; else the raw text. */
function enumValue(raw: string, words: Record<string, string>): string {
  const key = raw.toLowerCase().replace(/\b(physical|psychological)\b/g, '').replace(/[^a-z]+/g, '_').replace(/^_+|_+$/g, '');
  return words[key] ?? words[key.replace(/_harm$/, '')] ?? raw.toUpperCase();
}

/** A taxonomy id as written, or the id whose label matches case-insensitively. */
function termId(raw: string, byLabel: Map<string, string>): string {
  return byLabel.get(raw.toLowerCase()) ?? raw;
}

function describeIssue(issue: z.ZodIssue, column: string, cell: string): string {
  if (issue.code === 'invalid_enum_value') {
    const accepted = column === 'event_type' ? 'incident, risk, outcome, good care' : issue.options.map((o) => String(o).toLowerCase()).join(', ');
    return cell ? `"${cell.slice(0, 40)}" is not one of ${accepted}` : `is required: one of ${accepted}`;
  }
  if (issue.code === 'too_small' && issue.type === 'string') return 'is required';
  if (issue.code === 'too_small' && issue.type === 'array') return issue.message;
  return issue.message;
}

function duplicateReferences(mapped: MappedRow[]): ImportProblem[] {
  const first = new Map<string, MappedRow>();
  const problems: ImportProblem[] = [];
  for (const item of mapped) {
    const earlier = first.get(item.slug);
    if (earlier) problems.push({ row: item.row.row, line: item.row.line, column: 'reference', message: `repeats the reference of row ${earlier.row.row}` });
    else first.set(item.slug, item);
  }
  return problems;
}

async function referencesFromDatabase(em: Em): Promise<ImportReferences> {
  const vocab = await loadVocabularies(em, ['TOPIC', 'SYSTEM_TYPE', 'SETTING', 'HAZARD_FAMILY']);
  const standards = await em.find(StandardEntity, { published: true }, { orderBy: { publishedOn: 'desc' } });
  const current = standards.filter((s, i) => standards.findIndex((o) => o.code === s.code) === i);
  const clauses = await em.find(ClauseEntity, { standard: { $in: current.map((s) => s.id) } }, { populate: ['standard'] });
  const blueprints = await em.find(BlueprintEntity, { published: true }, { fields: ['slug'] });
  const byLabel = (labels: Map<string, string>) => new Map([...labels].map(([id, label]) => [label.toLowerCase(), id]));
  return {
    vocabularies: vocab.TOPIC.size > 0
      ? { topics: new Set(vocab.TOPIC.keys()), systemTypes: new Set(vocab.SYSTEM_TYPE.keys()), settings: new Set(vocab.SETTING.keys()), hazardFamilies: new Set(vocab.HAZARD_FAMILY.keys()) }
      : null,
    clauseRefs: new Set(clauses.map((c) => `${c.standard.code} ${c.number}`)),
    blueprintSlugs: new Set(blueprints.map((b) => b.slug)),
    systemTypeByLabel: byLabel(vocab.SYSTEM_TYPE),
    settingByLabel: byLabel(vocab.SETTING),
  };
}

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || a.line - b.line || (a.column ?? '').localeCompare(b.column ?? ''));
}
