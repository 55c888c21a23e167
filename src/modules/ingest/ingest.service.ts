import { createHash } from 'node:crypto';
import type { Em } from '../../db/createOrm.js';
import type { Database } from '../../db/createOrm.js';
import type { Logger } from '../../logger.js';
import { AnonymisationAllowanceEntity } from '../anonymisation/anonymisation-allowance.entity.js';
import { BlueprintEntity, type Blueprint } from '../blueprints/blueprint.entity.js';
import { BlueprintVersionEntity } from '../blueprints/blueprint-version.entity.js';
import { compareSemver, parseSemver } from '../blueprints/semver.js';
import { GlossaryTermEntity } from '../glossary/glossary-term.entity.js';
import { GuidanceArticleEntity } from '../guidance/guidance-article.entity.js';
import { EvidenceItemEntity, type EvidenceItem } from '../learning/evidence-item.entity.js';
import { parseNarrative } from '../learning/learning-narrative.js';
import { SafetyLearningEntity, type SafetyLearning } from '../learning/safety-learning.entity.js';
import { RevisionEntity, type RevisionAction } from '../revisions/revision.entity.js';
import { RiskMatrixEntity } from '../risk/risk-matrix.entity.js';
import { HazardEntity } from '../safety-cases/hazard.entity.js';
import { SafetyCaseEntity, type SafetyCase } from '../safety-cases/safety-case.entity.js';
import { ClauseEntity, clauseSortKey, parentNumber, type Clause } from '../standards/clause.entity.js';
import { CompetencyFrameworkEntity } from '../competencies/competency-framework.entity.js';
import { TrainingResourceEntity, type TrainingResource } from '../training/training-resource.entity.js';
import { StandardEntity, type Standard } from '../standards/standard.entity.js';
import { TopicEntity, type Vocabulary } from '../taxonomy/topic.entity.js';
import { gateCorpus } from './anonymisation-gate.js';
import { contentHash } from '../audit/audit-chain.js';
import { appendAudit, INGEST_ACTOR } from '../audit/audit.service.js';
import { blueprintVersionColumns, documentHash, guidanceColumns, hazardColumns, safetyCaseColumns, type Origin } from './document-writers.js';
import type { ChangedKind, DocumentChange } from './document-change.js';
import { formatProblem, type Problem } from './front-matter.js';
import { loadCorpus, type Corpus, type LoadedDocument, type StoredFiles, type UnchangedFile } from './load-corpus.js';
import { validateCorpus } from './validate-corpus.js';
import { recordIngest } from '../../http/metrics.js';
import { groupBy } from '../../collections.js';
import { insertEntityRows, insertJsonRows, updateEntityRows } from '../../db/insert-json-rows.js';
import { sqlArray } from '../search/sql-array.js';
import type { SafetyCaseContent } from './content-schema.js';

export { DEFAULT_LICENCE } from './document-writers.js';
/** Held by every writer of published content (ingest, publishing a reviewed submission, search index rebuilds), so they never interleave. */
export const INGEST_LOCK_KEY = 0x0dc5_0001;

export interface IngestOptions {
  contentDir: string;
  /** Validate and compute every change, then roll the transaction back. */
  dryRun?: boolean;
  /** Called as documents are stored (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Called inside the ingest transaction with every change, so a search index moves with the content. */
  onChanges?: (em: Em, changes: DocumentChange[]) => Promise<void>;
}

export interface IngestReport {
  added: number;
  updated: number;
  unchanged: number;
  unpublished: number;
  durationMs: number;
  dryRun: boolean;
  changes: DocumentChange[];
  summaryLine: string;
}

export class IngestError extends Error {
  constructor(readonly problems: Problem[]) {
    const shown = problems.slice(0, 200).map(formatProblem);
    const more = problems.length > shown.length ? `\n... and ${problems.length - shown.length} more` : '';
    super(`Content rejected: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was changed.\n${shown.join('\n')}${more}`);
    this.name = 'IngestError';
  }
}

class DryRunRollback extends Error {}

/** Changed documents from which an ingest refreshes the planner's statistics. */
const ANALYZE_AFTER_CHANGES = 500;
const ANALYZED_TABLES = ['search_entry', 'search_term', 'search_outbox', 'hazard', 'safety_case', 'guidance_article', 'blueprint_version', 'revision'];

/**
 * Loads content/ into the database: everything is validated first (schema, references, risk matrix,
 * anonymisation gate), then stored in one transaction under an advisory lock, so the database holds either the
 * old corpus or the new one, never a mix, and concurrent ingests from several hub instances serialise.
 */
export async function ingestContent(hub: { db: Database; logger: Logger }, options: IngestOptions): Promise<IngestReport> {
  try {
    return await ingestOnce(hub, options, true);
  } catch (error) {
    if (!(error instanceof StaleStoredFiles)) throw error;
    hub.logger.info('content changed by another ingest while this one read its files: reading every file again');
    return ingestOnce(hub, options, false);
  }
}

/**
 * Unchanged files were left unparsed on the strength of what was stored before the lock was taken; another ingest
 * has since stored something else for one of them, so it has to be read after all.
 */
class StaleStoredFiles extends Error {}

async function ingestOnce(hub: { db: Database; logger: Logger }, options: IngestOptions, skipStoredFiles: boolean): Promise<IngestReport> {
  const started = performance.now();
  const phase = phaseLogger(hub.logger);
  const { corpus, problems } = await loadCorpus(options.contentDir, skipStoredFiles ? await storedFiles(hub.db.orm.em.fork()) : undefined);
  phase('load files');
  problems.push(...validateCorpus(corpus));
  phase('validate');
  if (problems.length > 0) throw new IngestError(sortProblems(problems));

  const storedHashes = await storedContentHashes(hub.db.orm.em.fork());
  // The gate scans while the transaction writes, and is waited for before anything commits; its findings are what
  // a run reports, as when it ran first.
  const gate = gateCorpus(corpus, (hash) => storedHashes.has(hash));
  gate.catch(() => undefined);
  const passGate = async () => {
    const found = await gate;
    phase('anonymisation gate (waited for)');
    if (found.length > 0) throw new IngestError(sortProblems(found));
  };
  const session = new IngestSession(corpus, options, phase);
  try {
    await hub.db.orm.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?)', [INGEST_LOCK_KEY]);
      await session.run(em);
      if (session.problems.length > 0) {
        await passGate();
        throw new IngestError(sortProblems(session.problems));
      }
      if (options.onChanges && session.changes.length > 0) await options.onChanges(em, session.changes);
      phase('search index');
      await passGate();
      await appendAudit(em, INGEST_ACTOR, {
        action: 'INGEST', targetKind: 'CONTENT', targetKey: options.contentDir, afterHash: contentHash(session.changes),
        summary: session.report(performance.now() - started, options.dryRun ?? false).summaryLine,
      });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!options.dryRun && session.changes.length >= ANALYZE_AFTER_CHANGES) {
    // Planner statistics for the tables a large load rewrote: PGlite never runs autovacuum's ANALYZE, and on
    // PostgreSQL it comes later, so until then lookups such as a page of hazards were planned for guessed sizes.
    await hub.db.orm.em.fork().execute(`analyze ${ANALYZED_TABLES.join(', ')}`);
    phase('analyze');
  }
  const report = session.report(performance.now() - started, options.dryRun ?? false);
  hub.logger.info({ added: report.added, updated: report.updated, unchanged: report.unchanged, unpublished: report.unpublished, dryRun: report.dryRun }, 'ingest finished');
  recordIngest(report);
  return report;
}

/** Logs at debug level how long each phase took since the previous one, for profiling large loads. */
function phaseLogger(logger: Logger): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    logger.debug({ phase, ms: Math.round(now - last) }, 'ingest phase');
    last = now;
  };
}

async function storedFiles(em: Em): Promise<StoredFiles> {
  // A blueprint with a version published through review is read whole: its listing may follow that version.
  const rows = await em.execute<{ path: string; hash: string | null }[]>(
    `select source_path as path, content_hash as hash from guidance_article where published and origin = 'INGEST'
     union all select source_path, content_hash from safety_case where published and origin = 'INGEST'
     union all select v.source_path, case when exists (select 1 from blueprint_version r where r.blueprint_id = b.id and r.origin <> 'INGEST') then null else v.content_hash end
       from blueprint_version v join blueprint b on b.id = v.blueprint_id where b.published and not v.withdrawn and v.origin = 'INGEST'
     union all select source_path, content_hash from standard where published
     union all select source_path, content_hash from safety_learning where published and origin = 'INGEST'
     union all select source_path, content_hash from evidence_item where published
     union all select source_path, content_hash from training_resource where published
     union all (select 'taxonomy.md', content_hash from revision where document_kind = 'TAXONOMY' and document_key = 'taxonomy' order by id desc limit 1)`,
  );
  return new Map(rows.map((row) => [row.path, row.hash]));
}

/** File hashes of every stored document: those files are unchanged and were gated when they were stored. */
async function storedContentHashes(em: Em): Promise<Set<string>> {
  const rows: { content_hash: string }[] = await em.execute(
    `select content_hash from standard union all select content_hash from guidance_article
     union all select content_hash from blueprint_version union all select content_hash from safety_case`,
  );
  return new Set(rows.map((row) => row.content_hash));
}

/** Revision rows carry a document snapshot each, so batches stay moderate. */
const APPEND_BATCH = 500;
/** Documents (with their bodies) and hazards per bulk statement. */
const DOCUMENT_BATCH = 500;
const HAZARD_BATCH = 2000;

/** What deciding whether to write a stored document needs, without loading it. */
interface StoredDocument {
  id: number;
  slug: string;
  contentHash: string;
  published: boolean;
  origin: Origin;
}

interface StoredBlueprint {
  id: number;
  slug: string;
  kind: string;
  title: string;
  summary: string;
  topics: string[];
  latestVersion: string;
  lastReviewed: string;
  published: boolean;
}

interface StoredBlueprintVersion {
  id: number;
  slug: string;
  version: string;
  contentHash: string;
  origin: Origin;
  withdrawn: boolean;
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

class IngestSession {
  readonly changes: DocumentChange[] = [];
  readonly problems: Problem[] = [];
  /**
   * Append-only rows (revisions, search outbox) are written with a few set-based statements at the end of the
   * run rather than as ORM entities: a 10k-document load appends ~10k revisions and ~37k outbox rows, and
   * tracking them in the unit of work cost more than everything else it writes.
   */
  private readonly revisionRows: Record<string, unknown>[] = [];
  private readonly outboxRows: Record<string, unknown>[] = [];
  /** Documents with anonymisation allowances stored before this run, as `kind\u0000key`. */
  private storedAllowances = new Set<string>();
  private readonly replacedAllowances: { kind: string; key: string }[] = [];
  private readonly allowanceRows: Record<string, unknown>[] = [];
  private counts = { added: 0, updated: 0, unchanged: 0, unpublished: 0 };
  private done = 0;
  private readonly total: number;
  private em!: Em;

  constructor(private readonly corpus: Corpus, private readonly options: IngestOptions, private readonly phase: (name: string) => void) {
    this.total = corpus.standards.length + corpus.guidance.length + corpus.blueprintVersions.length + corpus.safetyCases.length + corpus.learnings.length + corpus.evidence.length + corpus.training.length + corpus.unchanged.length;
  }

  private unchangedFiles(kind: UnchangedFile['kind']): UnchangedFile[] {
    return this.corpus.unchanged.filter((file) => file.kind === kind);
  }

  /** Counts a file left unparsed as unchanged, once the stored state read under the lock confirms it. */
  private keepUnchanged(stillStored: boolean): void {
    if (!stillStored) throw new StaleStoredFiles();
    this.counts.unchanged += 1;
    this.tick();
  }

  report(durationMs: number, dryRun: boolean): IngestReport {
    const { added, updated, unchanged, unpublished } = this.counts;
    const verb = dryRun ? 'would be' : '';
    const summaryLine = `${dryRun ? 'Dry run: ' : ''}${added} added, ${updated} updated, ${unchanged} unchanged, ${unpublished} unpublished${verb ? ` (${verb} changed; nothing written)` : ''} in ${(durationMs / 1000).toFixed(2)}s`;
    return { ...this.counts, durationMs, dryRun, changes: this.changes, summaryLine };
  }

  async run(em: Em): Promise<void> {
    this.em = em;
    const stored = await em.execute<{ kind: string; key: string }[]>('select distinct document_kind as kind, document_key as key from anonymisation_allowance');
    this.storedAllowances = new Set(stored.map((row) => `${row.kind}\u0000${row.key}`));
    await this.syncTaxonomy();
    await this.syncGlossary();
    await this.syncRiskMatrix();
    await this.syncStandards();
    this.phase('store standards');
    await this.syncGuidance();
    this.phase('store guidance');
    await this.syncBlueprints();
    this.phase('store blueprints');
    await this.syncSafetyCases();
    this.phase('store safety cases');
    await this.syncLearnings();
    await this.syncEvidence();
    await this.syncCompetencyFramework();
    await this.syncTraining();
    await em.flush();
    this.phase('store the rest');
    await this.writeAllowances();
    await insertJsonRows(em, 'revision', ['document_kind', 'document_key', 'action', 'content_hash', 'previous_hash', 'summary', 'source', 'snapshot', 'created_at'], this.revisionRows, { batchSize: APPEND_BATCH });
    await insertJsonRows(em, 'search_outbox', ['document_kind', 'document_key', 'operation', 'enqueued_at'], this.outboxRows, { batchSize: APPEND_BATCH });
    this.phase('append revisions and outbox');
  }

  private tick(): void {
    this.done += 1;
    this.options.onProgress?.(this.done, this.total);
  }

  private change(kind: ChangedKind, key: string, operation: DocumentChange['operation']): void {
    this.changes.push({ kind, key, operation });
    this.outboxRows.push({ document_kind: kind, document_key: key, operation, enqueued_at: new Date().toISOString() });
  }

  private revision(kind: string, key: string, action: RevisionAction, hash: string, previousHash: string | null, summary: string, snapshot: Record<string, unknown> | null): void {
    this.revisionRows.push({ document_kind: kind, document_key: key, action, content_hash: hash, previous_hash: previousHash, summary, source: 'INGEST', snapshot, created_at: new Date().toISOString() });
  }

  /** Counts a document and records a revision; returns false when it is unchanged and can be skipped. */
  private track(kind: string, key: string, hash: string, previous: { hash: string; published: boolean } | undefined, doc: LoadedDocument<unknown>): boolean {
    const snapshot = { frontMatter: doc.content as Record<string, unknown>, body: doc.file.body, path: doc.file.path };
    if (!previous) {
      this.counts.added += 1;
      this.revision(kind, key, 'CREATED', hash, null, `Added from ${doc.file.path}`, snapshot);
      return true;
    }
    if (previous.hash === hash && previous.published) {
      this.counts.unchanged += 1;
      return false;
    }
    this.counts.updated += 1;
    const action: RevisionAction = previous.published ? 'UPDATED' : 'REPUBLISHED';
    this.revision(kind, key, action, hash, previous.hash, `${action === 'UPDATED' ? 'Updated' : 'Republished'} from ${doc.file.path}`, snapshot);
    return true;
  }

  private unpublish(kind: string, key: string, hash: string): void {
    this.counts.unpublished += 1;
    this.revision(kind, key, 'UNPUBLISHED', hash, hash, 'Source file removed from content/', null);
  }

  /** Allowances are written with the other bulk rows at the end of the run; most documents have none stored to delete. */
  private storeAllowances(kind: string, key: string, allowances: { text: string; type: string; justification: string }[]): void {
    if (this.storedAllowances.has(`${kind}\u0000${key}`)) this.replacedAllowances.push({ kind, key });
    const createdAt = new Date();
    for (const allowance of allowances) this.allowanceRows.push({ documentKind: kind, documentKey: key, ...allowance, createdAt });
  }

  private async writeAllowances(): Promise<void> {
    if (this.replacedAllowances.length > 0) {
      await this.em.execute(
        'delete from anonymisation_allowance where (document_kind, document_key) in (select * from unnest(?::text[], ?::text[]))',
        [sqlArray(this.replacedAllowances.map((d) => d.kind)), sqlArray(this.replacedAllowances.map((d) => d.key))],
      );
    }
    await insertEntityRows(this.em, AnonymisationAllowanceEntity, this.allowanceRows, { batchSize: APPEND_BATCH });
  }


  /** Singletons (taxonomy, glossary) keep their last hash in the revision log. */
  private async lastHash(kind: string, key: string): Promise<string | undefined> {
    const [last] = await this.em.find(RevisionEntity, { documentKind: kind, documentKey: key }, { orderBy: { id: 'desc' }, limit: 1 });
    return last?.contentHash;
  }

  private async syncTaxonomy(): Promise<void> {
    const doc = this.corpus.taxonomy!;
    if ((await this.lastHash('TAXONOMY', 'taxonomy')) === doc.hash) return;
    await this.em.nativeDelete(TopicEntity, {});
    const vocabularies: [Vocabulary, { id: string; label: string }[]][] = [
      ['TOPIC', doc.content.topics], ['SYSTEM_TYPE', doc.content.systemTypes], ['SETTING', doc.content.settings], ['HAZARD_FAMILY', doc.content.hazardFamilies],
    ];
    for (const [vocabulary, entries] of vocabularies) for (const entry of entries) this.em.create(TopicEntity, { vocabulary, code: entry.id, label: entry.label });
    this.revision('TAXONOMY', 'taxonomy', 'UPDATED', doc.hash, null, `Loaded ${doc.file.path}`, { frontMatter: doc.content });
  }

  private async syncGlossary(): Promise<void> {
    const doc = this.corpus.glossary;
    if (!doc || (await this.lastHash('GLOSSARY', 'glossary')) === doc.hash) return;
    await this.em.nativeDelete(GlossaryTermEntity, {});
    for (const term of doc.content.terms) this.em.create(GlossaryTermEntity, term);
    this.revision('GLOSSARY', 'glossary', 'UPDATED', doc.hash, null, `Loaded ${doc.file.path}`, { frontMatter: doc.content });
  }

  private async syncRiskMatrix(): Promise<void> {
    const doc = this.corpus.riskMatrix!;
    const existing = await this.em.findOne(RiskMatrixEntity, { id: 1 });
    if (existing?.contentHash === doc.hash) return;
    const { title, summary, lastReviewed, likelihoods, severities, ratings } = doc.content;
    const content = { title, summary, lastReviewed, body: doc.file.body.trim(), likelihoods, severities, ratings };
    if (existing) Object.assign(existing, { content, contentHash: doc.hash });
    else this.em.create(RiskMatrixEntity, { id: 1, content, contentHash: doc.hash, updatedAt: new Date() });
    this.revision('RISK_MATRIX', 'risk-matrix', existing ? 'UPDATED' : 'CREATED', doc.hash, existing?.contentHash ?? null, `Loaded ${doc.file.path}`, { frontMatter: doc.content });
  }

  private async syncStandards(): Promise<void> {
    const existing = await this.em.find(StandardEntity, {});
    const byKey = new Map(existing.map((s) => [`${s.code}@${s.version}`, s]));
    const seen = new Set<string>();
    const touched: { standard: Standard; doc: Corpus['standards'][number] }[] = [];

    for (const doc of this.corpus.standards) {
      const c = doc.content;
      const key = `${c.code}@${c.version}`;
      seen.add(key);
      let standard = byKey.get(key);
      const changed = this.track('STANDARD', c.code, doc.hash, standard && { hash: standard.contentHash, published: standard.published }, doc);
      this.tick();
      if (!changed) continue;
      const fields = {
        code: c.code, version: c.version, guidanceVersion: c.guidanceVersion ?? null, amendment: c.amendment ?? null, title: c.title, summary: c.summary,
        appliesTo: c.appliesTo, body: doc.file.body.trim(), topics: c.topics, publishedOn: c.publishedOn, effectiveFrom: c.effectiveFrom ?? null,
        lastReviewed: c.lastReviewed, contentHash: doc.hash, sourcePath: doc.file.path, published: true,
      };
      if (standard) Object.assign(standard, fields);
      else standard = this.em.create(StandardEntity, { ...fields, createdAt: new Date(), updatedAt: new Date() });
      this.storeAllowances('STANDARD', c.code, c.anonymisationAllowances);
      this.change('STANDARD', c.code, 'UPSERT');
      touched.push({ standard, doc });
    }
    for (const [key, standard] of byKey) {
      if (seen.has(key) || !standard.published) continue;
      standard.published = false;
      this.unpublish('STANDARD', standard.code, standard.contentHash);
      this.change('STANDARD', standard.code, 'DELETE');
    }
    await this.em.flush();
    for (const { standard, doc } of touched) await this.syncClauses(standard, doc);
    if (touched.length > 0) await this.linkCounterparts();
  }

  private async syncClauses(standard: Standard, doc: Corpus['standards'][number]): Promise<void> {
    const existing = await this.em.find(ClauseEntity, { standard });
    const byNumber = new Map(existing.map((c) => [c.number, c]));
    const code = standard.code;
    const listed = new Set(doc.content.clauses.map((c) => c.number));
    for (const clause of existing) {
      if (listed.has(clause.number)) continue;
      this.change('CLAUSE', `${code} ${clause.number}`, 'DELETE');
      this.revision('CLAUSE', `${code} ${clause.number}`, 'UNPUBLISHED', clause.contentHash, clause.contentHash, `Removed from ${doc.file.path}`, null);
      this.em.remove(clause);
    }
    for (const content of doc.content.clauses) {
      const hash = hashOf(content);
      const clause = byNumber.get(content.number);
      const fields = {
        number: content.number, sortKey: clauseSortKey(content.number), title: content.title, summary: content.summary,
        obligation: content.obligation ?? null, binds: content.binds, contentHash: hash,
      };
      if (clause?.contentHash === hash) continue;
      if (clause) Object.assign(clause, fields);
      else this.em.create(ClauseEntity, { ...fields, standard, updatedAt: new Date() });
      this.revision('CLAUSE', `${code} ${content.number}`, clause ? 'UPDATED' : 'CREATED', hash, clause?.contentHash ?? null, `From ${doc.file.path}`, { frontMatter: content });
      this.change('CLAUSE', `${code} ${content.number}`, 'UPSERT');
    }
    await this.em.flush();
    const clauses = await this.em.find(ClauseEntity, { standard });
    const idByNumber = new Map(clauses.map((c) => [c.number, c.id]));
    for (const clause of clauses) {
      const parent = parentNumber(clause.number);
      clause.parentId = parent ? idByNumber.get(parent) ?? null : null;
    }
  }

  /** Counterparts point across standards, so they are linked once every standard's clauses exist. */
  private async linkCounterparts(): Promise<void> {
    await this.em.flush();
    const current = (await this.em.find(StandardEntity, { published: true }, { orderBy: { publishedOn: 'desc' } }))
      .filter((s, i, all) => all.findIndex((o) => o.code === s.code) === i);
    const clausesByCode = new Map<string, Map<string, Clause>>();
    for (const standard of current) {
      const clauses = await this.em.find(ClauseEntity, { standard });
      clausesByCode.set(standard.code, new Map(clauses.map((c) => [c.number, c])));
    }
    for (const doc of this.corpus.standards) {
      const own = clausesByCode.get(doc.content.code);
      const otherCode = current.map((s) => s.code).find((code) => code !== doc.content.code);
      const other = otherCode ? clausesByCode.get(otherCode) : undefined;
      if (!own) continue;
      for (const content of doc.content.clauses) {
        const clause = own.get(content.number);
        if (clause) clause.counterpartId = content.counterpart && other ? other.get(content.counterpart)?.id ?? null : null;
      }
    }
  }

  /**
   * A document last published through review stays as reviewed unless its file has caught up with it (same
   * validated content: the file takes over) or has changed since it was last ingested (a conflict, reported).
   */
  private async reviewedDocument(kind: string, doc: LoadedDocument<unknown>, reviewedHash: string): Promise<'TAKE_FILE' | 'KEEP_REVIEWED' | 'CONFLICT'> {
    if (documentHash(doc.content, doc.file.body) === reviewedHash) return 'TAKE_FILE';
    const [lastIngested] = await this.em.find(RevisionEntity, { documentKind: kind, documentKey: doc.key, source: 'INGEST', action: { $ne: 'UNPUBLISHED' } }, { orderBy: { id: 'desc' }, limit: 1 });
    return lastIngested?.contentHash === doc.hash ? 'KEEP_REVIEWED' : 'CONFLICT';
  }

  private reviewConflict(what: string, doc: LoadedDocument<unknown>): void {
    this.problems.push({
      file: doc.file.path, line: 1,
      message: `${what} "${doc.key}" was published through review after this file was last ingested, and the file has changed since; ingest will not overwrite the reviewed revision. Bring the file in line with the reviewed text (its latest revision) or undo the file change`,
    });
  }

  private async syncGuidance(): Promise<void> {
    const existing = await this.storedDocuments('guidance_article');
    const bySlug = new Map(existing.map((g) => [g.slug, g]));
    const seen = new Set<string>();
    const added: Record<string, unknown>[] = [];
    const updated: Record<string, unknown>[] = [];
    const now = new Date();
    for (const file of this.unchangedFiles('guidance')) {
      const article = bySlug.get(file.key);
      this.keepUnchanged(article?.contentHash === file.hash && article.published && article.origin === 'INGEST');
      seen.add(file.key);
    }
    for (const doc of this.corpus.guidance) {
      seen.add(doc.key);
      const article = bySlug.get(doc.key);
      if (article?.origin === 'REVIEW') {
        const decision = await this.reviewedDocument('GUIDANCE', doc, article.contentHash);
        if (decision === 'CONFLICT') this.reviewConflict('guidance', doc);
        if (decision !== 'TAKE_FILE') {
          if (decision === 'KEEP_REVIEWED') this.counts.unchanged += 1;
          this.tick();
          continue;
        }
      }
      const changed = this.track('GUIDANCE', doc.key, doc.hash, article && { hash: article.contentHash, published: article.published }, doc);
      this.tick();
      if (!changed) continue;
      const c = doc.content;
      const fields = guidanceColumns(doc.key, c, doc.file.body, { contentHash: doc.hash, sourcePath: doc.file.path, origin: 'INGEST' });
      if (article) updated.push({ ...fields, updatedAt: now });
      else added.push({ ...fields, createdAt: now, updatedAt: now });
      this.storeAllowances('GUIDANCE', doc.key, c.anonymisationAllowances);
      this.change('GUIDANCE', doc.key, 'UPSERT');
    }
    await insertEntityRows(this.em, GuidanceArticleEntity, added, { batchSize: DOCUMENT_BATCH });
    await updateEntityRows(this.em, GuidanceArticleEntity, updated, { batchSize: DOCUMENT_BATCH, key: 'slug' });
    const removed = existing.filter((article) => !seen.has(article.slug) && article.published && article.origin === 'INGEST');
    for (const article of removed) {
      this.unpublish('GUIDANCE', article.slug, article.contentHash);
      this.change('GUIDANCE', article.slug, 'DELETE');
    }
    await this.setPublished('guidance_article', removed, false);
  }

  private async syncBlueprints(): Promise<void> {
    const blueprints = await this.em.execute<StoredBlueprint[]>(
      'select id, slug, kind, title, summary, topics, latest_version as "latestVersion", last_reviewed as "lastReviewed", published from blueprint',
    );
    const versions = await this.em.execute<StoredBlueprintVersion[]>(
      `select v.id, b.slug, v.version, v.content_hash as "contentHash", v.origin, v.withdrawn
       from blueprint_version v join blueprint b on b.id = v.blueprint_id order by v.id`,
    );
    const versionsBySlug = groupBy(versions, (version) => version.slug);
    const blueprintBySlug = new Map(blueprints.map((b) => [b.slug, b]));
    const versionByKey = new Map(versions.map((v) => [`${v.slug}@${v.version}`, v]));
    const docsBySlug = groupBy(this.corpus.blueprintVersions, (doc) => doc.slug);
    const now = new Date();
    const added: Record<string, unknown>[] = [];
    const updated: Record<string, unknown>[] = [];
    const republished: StoredBlueprint[] = [];
    const addedVersions: { slug: string; columns: ReturnType<typeof blueprintVersionColumns> }[] = [];
    const restoredVersions: StoredBlueprintVersion[] = [];
    const withdrawnVersions: StoredBlueprintVersion[] = [];
    const unchangedSlugs = new Set<string>();
    for (const file of this.unchangedFiles('blueprint')) {
      const stored = versionByKey.get(file.key);
      this.keepUnchanged(stored?.contentHash === file.hash && stored.origin === 'INGEST' && !stored.withdrawn && blueprintBySlug.get(file.slug)?.published === true
        && versionsBySlug.get(file.slug)!.every((version) => version.origin === 'INGEST'));
      unchangedSlugs.add(file.slug);
    }

    for (const [slug, docs] of docsBySlug) {
      docs.sort((a, b) => compareSemver(parseSemver(a.content.version)!, parseSemver(b.content.version)!));
      const latest = docs.at(-1)!;
      const blueprint = blueprintBySlug.get(slug);
      let blueprintChanged = !blueprint || !blueprint.published;
      // A version published through review that is newer than every file keeps the listing fields it set.
      const storedVersions = versionsBySlug.get(slug) ?? [];
      const reviewedIsLatest = storedVersions.some((v) => v.origin === 'REVIEW' && !v.withdrawn
        && compareSemver(parseSemver(v.version)!, parseSemver(latest.content.version)!) > 0);
      const fields = {
        slug, kind: latest.content.kind, title: latest.content.title, summary: latest.content.summary, topics: latest.content.topics,
        latestVersion: latest.content.version, lastReviewed: latest.content.lastReviewed, published: true,
      };
      if (blueprint && reviewedIsLatest) {
        if (!blueprint.published) republished.push(blueprint);
      } else if (blueprint) {
        blueprintChanged ||= blueprint.latestVersion !== fields.latestVersion || blueprint.title !== fields.title || blueprint.summary !== fields.summary || blueprint.lastReviewed !== fields.lastReviewed;
        // Written only when a listing field differs, as the unit of work did, so updatedAt keeps meaning "changed".
        if (Object.entries(fields).some(([name, value]) => JSON.stringify(blueprint[name as keyof StoredBlueprint]) !== JSON.stringify(value))) {
          updated.push({ ...fields, updatedAt: now });
        }
      } else {
        added.push({ ...fields, createdAt: now, updatedAt: now });
      }
      for (const doc of docs) {
        const key = `${slug}@${doc.content.version}`;
        const stored = versionByKey.get(key);
        this.tick();
        if (stored?.origin === 'REVIEW') {
          if (documentHash(doc.content, doc.file.body) !== stored.contentHash) {
            this.problems.push({
              file: doc.file.path, line: doc.file.lineOf(['version']), field: 'version',
              message: `version ${doc.content.version} of blueprint ${slug} was published through review with different content; it is immutable. Make this file match it, or publish the change as a new version (e.g. ${bumpMinor(doc.content.version)})`,
            });
          }
          continue;
        }
        if (stored && stored.contentHash !== doc.hash) {
          this.problems.push({
            file: doc.file.path, line: doc.file.lineOf(['version']), field: 'version',
            message: `version ${doc.content.version} of blueprint ${slug} is published and immutable; its content changed. Restore it and publish the change as a new version (e.g. ${bumpMinor(docs.at(-1)!.content.version)})`,
          });
          continue;
        }
        const changed = this.track('BLUEPRINT_VERSION', key, doc.hash, stored && { hash: stored.contentHash, published: !stored.withdrawn }, doc);
        if (!changed) continue;
        blueprintChanged = true;
        if (stored) {
          restoredVersions.push(stored);
          continue;
        }
        const c = doc.content;
        addedVersions.push({ slug, columns: blueprintVersionColumns(c, doc.file.body, { contentHash: doc.hash, sourcePath: doc.file.path, origin: 'INGEST' }) });
        this.storeAllowances('BLUEPRINT_VERSION', key, c.anonymisationAllowances);
      }
      // A version file that disappeared is withdrawn, never deleted: its URL keeps working for those who cite it.
      for (const version of storedVersions) {
        if (version.withdrawn || version.origin !== 'INGEST' || docs.some((d) => d.content.version === version.version)) continue;
        withdrawnVersions.push(version);
        this.unpublish('BLUEPRINT_VERSION', `${slug}@${version.version}`, version.contentHash);
        blueprintChanged = true;
      }
      if (blueprintChanged) this.change('BLUEPRINT', slug, 'UPSERT');
    }
    const removed = blueprints.filter((blueprint) => !docsBySlug.has(blueprint.slug) && !unchangedSlugs.has(blueprint.slug) && blueprint.published);
    for (const blueprint of removed) {
      this.counts.unpublished += 1;
      this.revision('BLUEPRINT', blueprint.slug, 'UNPUBLISHED', blueprint.latestVersion, null, 'Source folder removed from content/', null);
      this.change('BLUEPRINT', blueprint.slug, 'DELETE');
    }

    const idBySlug = new Map(blueprints.map((b) => [b.slug, b.id]));
    const inserted = await insertEntityRows<Blueprint, { id: number; slug: string }>(this.em, BlueprintEntity, added, { batchSize: DOCUMENT_BATCH, returning: 'id, slug' });
    for (const { id, slug } of inserted) idBySlug.set(slug, id);
    await updateEntityRows(this.em, BlueprintEntity, updated, { batchSize: DOCUMENT_BATCH, key: 'slug' });
    await this.setPublished('blueprint', republished, true);
    await this.setPublished('blueprint', removed, false);
    const versionRows = addedVersions.map(({ slug, columns }) => ({ blueprint: idBySlug.get(slug)!, ...columns, createdAt: now }));
    await insertEntityRows(this.em, BlueprintVersionEntity, versionRows, { batchSize: DOCUMENT_BATCH });
    await this.setWithdrawn(restoredVersions, false);
    await this.setWithdrawn(withdrawnVersions, true);
  }

  private async syncSafetyCases(): Promise<void> {
    const existing = await this.storedDocuments('safety_case');
    const bySlug = new Map(existing.map((s) => [s.slug, s]));
    const unchanged = this.unchangedFiles('safety-case');
    const hashBySlug = new Map([...this.corpus.safetyCases, ...unchanged].map((doc) => [doc.key, doc.hash]));
    const removed = existing.filter((safetyCase) => !hashBySlug.has(safetyCase.slug) && safetyCase.published && safetyCase.origin === 'INGEST');
    // Hazard codes of every stored case this run may replace or unpublish, so the index drops the hazards they lose.
    const mayChange = existing.filter((safetyCase) => {
      const hash = hashBySlug.get(safetyCase.slug);
      return hash === undefined ? removed.includes(safetyCase) : hash !== safetyCase.contentHash || !safetyCase.published || safetyCase.origin !== 'INGEST';
    });
    const storedCodes = await this.hazardCodes(mayChange);
    const now = new Date();
    const added: Record<string, unknown>[] = [];
    const updated: Record<string, unknown>[] = [];
    const hazardLogs: { slug: string; hazards: SafetyCaseContent['hazards'] }[] = [];
    for (const file of unchanged) {
      const safetyCase = bySlug.get(file.key);
      this.keepUnchanged(safetyCase?.contentHash === file.hash && safetyCase.published && safetyCase.origin === 'INGEST');
    }
    for (const doc of this.corpus.safetyCases) {
      const safetyCase = bySlug.get(doc.key);
      this.tick();
      if (safetyCase && safetyCase.origin !== 'INGEST') {
        const decision = await this.reviewedDocument('SAFETY_CASE', doc, safetyCase.contentHash);
        if (decision === 'CONFLICT') this.reviewConflict('safety case', doc);
        if (decision === 'KEEP_REVIEWED') this.counts.unchanged += 1;
        if (decision !== 'TAKE_FILE') continue;
      }
      const changed = this.track('SAFETY_CASE', doc.key, doc.hash, safetyCase && { hash: safetyCase.contentHash, published: safetyCase.published }, doc);
      if (!changed) continue;
      const c = doc.content;
      const fields = safetyCaseColumns(doc.key, c, doc.file.body, { contentHash: doc.hash, sourcePath: doc.file.path, origin: 'INGEST' });
      if (safetyCase) updated.push({ ...fields, updatedAt: now });
      else added.push({ ...fields, createdAt: now, updatedAt: now });
      hazardLogs.push({ slug: doc.key, hazards: c.hazards });
      this.storeAllowances('SAFETY_CASE', doc.key, c.anonymisationAllowances);
      this.change('SAFETY_CASE', doc.key, 'UPSERT');
      const codes = new Set(c.hazards.map((h) => h.code));
      for (const code of (safetyCase && storedCodes.get(safetyCase.id)) ?? []) if (!codes.has(code)) this.change('HAZARD', `${doc.key}/${code}`, 'DELETE');
      for (const code of codes) this.change('HAZARD', `${doc.key}/${code}`, 'UPSERT');
    }
    for (const safetyCase of removed) {
      this.unpublish('SAFETY_CASE', safetyCase.slug, safetyCase.contentHash);
      this.change('SAFETY_CASE', safetyCase.slug, 'DELETE');
      for (const code of storedCodes.get(safetyCase.id) ?? []) this.change('HAZARD', `${safetyCase.slug}/${code}`, 'DELETE');
    }

    const idBySlug = new Map(existing.map((s) => [s.slug, s.id]));
    const inserted = await insertEntityRows<SafetyCase, { id: number; slug: string }>(this.em, SafetyCaseEntity, added, { batchSize: DOCUMENT_BATCH, returning: 'id, slug' });
    for (const { id, slug } of inserted) idBySlug.set(slug, id);
    await updateEntityRows(this.em, SafetyCaseEntity, updated, { batchSize: DOCUMENT_BATCH, key: 'slug' });
    const replacedIds = updated.map((row) => idBySlug.get(row.slug as string)!);
    if (replacedIds.length > 0) await this.em.execute('delete from hazard where safety_case_id = any(?::int[])', [sqlArray(replacedIds)]);
    const hazardRows = hazardLogs.flatMap(({ slug, hazards }) => hazards.map((h, position) => ({ safetyCase: idBySlug.get(slug)!, ...hazardColumns(h, position) })));
    await insertEntityRows(this.em, HazardEntity, hazardRows, { batchSize: HAZARD_BATCH });
    await this.setPublished('safety_case', removed, false);
  }

  /** Codes of the stored hazards of some safety cases, by case id, in the order they were written. */
  private async hazardCodes(cases: readonly { id: number }[]): Promise<Map<number, string[]>> {
    if (cases.length === 0) return new Map();
    const rows = await this.em.execute<{ safety_case_id: number; code: string }[]>(
      'select safety_case_id, code from hazard where safety_case_id = any(?::int[]) order by id', [sqlArray(cases.map((c) => c.id))],
    );
    const codes = groupBy(rows, (row) => row.safety_case_id);
    return new Map([...codes].map(([id, list]) => [id, list.map((row) => row.code)]));
  }

  /** Identity, hash and state of every stored document of a table with a slug: what deciding what to write needs. */
  private storedDocuments(table: 'guidance_article' | 'safety_case'): Promise<StoredDocument[]> {
    return this.em.execute<StoredDocument[]>(`select id, slug, content_hash as "contentHash", published, origin from ${table}`);
  }

  private async setPublished(table: 'guidance_article' | 'safety_case' | 'blueprint', rows: readonly { id: number }[], published: boolean): Promise<void> {
    if (rows.length === 0) return;
    await this.em.execute(`update ${table} set published = ?, updated_at = ? where id = any(?::int[])`, [published, new Date(), sqlArray(rows.map((r) => r.id))]);
  }

  private async setWithdrawn(versions: readonly { id: number }[], withdrawn: boolean): Promise<void> {
    if (versions.length === 0) return;
    await this.em.execute('update blueprint_version set withdrawn = ? where id = any(?::int[])', [withdrawn, sqlArray(versions.map((v) => v.id))]);
  }

  private async syncLearnings(): Promise<void> {
    const existing = await this.em.find(SafetyLearningEntity, {});
    const bySlug = new Map(existing.map((l) => [l.slug, l]));
    const seen = new Set<string>();
    for (const doc of this.corpus.learnings) {
      seen.add(doc.key);
      const learning: SafetyLearning | undefined = bySlug.get(doc.key);
      this.tick();
      if (learning && learning.origin !== 'INGEST') {
        this.problems.push({ file: doc.file.path, line: 1, message: `learning "${doc.key}" was imported from a safety event export; ingest will not overwrite it. Rename the file` });
        continue;
      }
      const changed = this.track('LEARNING', doc.key, doc.hash, learning && { hash: learning.contentHash, published: learning.published }, doc);
      if (!changed) continue;
      const c = doc.content;
      // validateCorpus has already checked the four sections are there.
      const narrative = parseNarrative(doc.file.body).narrative!;
      const fields = {
        slug: doc.key, title: c.title, summary: c.summary, eventType: c.eventType, physicalHarm: c.physicalHarm, psychologicalHarm: c.psychologicalHarm,
        systemType: c.systemType, setting: c.setting, occurredOn: `${c.occurred}-01`, ...narrative, hazardFamilies: c.hazardFamilies, clauseRefs: c.clauses,
        blueprints: c.blueprints, topics: c.topics, lastReviewed: c.lastReviewed, contentHash: doc.hash, sourcePath: doc.file.path, origin: 'INGEST' as const, published: true,
      };
      if (learning) Object.assign(learning, fields);
      else this.em.create(SafetyLearningEntity, { ...fields, createdAt: new Date(), updatedAt: new Date() });
      this.storeAllowances('LEARNING', doc.key, c.anonymisationAllowances);
      this.change('LEARNING', doc.key, 'UPSERT');
    }
    for (const learning of existing) {
      if (seen.has(learning.slug) || !learning.published || learning.origin !== 'INGEST') continue;
      learning.published = false;
      this.unpublish('LEARNING', learning.slug, learning.contentHash);
      this.change('LEARNING', learning.slug, 'DELETE');
    }
  }

  private async syncEvidence(): Promise<void> {
    const existing = await this.em.find(EvidenceItemEntity, {});
    const bySlug = new Map(existing.map((e) => [e.slug, e]));
    const seen = new Set<string>();
    for (const doc of this.corpus.evidence) {
      seen.add(doc.key);
      const item: EvidenceItem | undefined = bySlug.get(doc.key);
      const changed = this.track('EVIDENCE', doc.key, doc.hash, item && { hash: item.contentHash, published: item.published }, doc);
      this.tick();
      if (!changed) continue;
      const c = doc.content;
      const fields = {
        slug: doc.key, title: c.title, summary: c.summary, body: doc.file.body.trim(), intervention: c.intervention, systemType: c.systemType ?? null,
        setting: c.setting ?? null, outcomeMeasure: c.outcomeMeasure, effect: c.effect, effectDirection: c.effectDirection, strength: c.strength,
        studyDesign: c.studyDesign, sourceCitation: c.source.citation, sourceYear: c.source.year, sourceUrl: c.source.url ?? null,
        hazardFamilies: c.hazardFamilies, topics: c.topics, lastReviewed: c.lastReviewed, contentHash: doc.hash, sourcePath: doc.file.path, published: true,
      };
      if (item) Object.assign(item, fields);
      else this.em.create(EvidenceItemEntity, { ...fields, createdAt: new Date(), updatedAt: new Date() });
      this.storeAllowances('EVIDENCE', doc.key, c.anonymisationAllowances);
      this.change('EVIDENCE', doc.key, 'UPSERT');
    }
    for (const item of existing) {
      if (seen.has(item.slug) || !item.published) continue;
      item.published = false;
      this.unpublish('EVIDENCE', item.slug, item.contentHash);
      this.change('EVIDENCE', item.slug, 'DELETE');
    }
  }

  /** The framework is one document: stored whole when its file changes, like the risk matrix. */
  private async syncCompetencyFramework(): Promise<void> {
    const doc = this.corpus.competencyFramework;
    if (!doc) return;
    const existing = await this.em.findOne(CompetencyFrameworkEntity, { id: 1 });
    if (existing?.contentHash === doc.hash) return;
    const { title, summary, lastReviewed, levels, pillars } = doc.content;
    const content = { title, summary, lastReviewed, body: doc.file.body.trim(), levels, pillars };
    if (existing) Object.assign(existing, { content, contentHash: doc.hash });
    else this.em.create(CompetencyFrameworkEntity, { id: 1, content, contentHash: doc.hash, updatedAt: new Date() });
    this.revision('COMPETENCY_FRAMEWORK', 'competencies', existing ? 'UPDATED' : 'CREATED', doc.hash, existing?.contentHash ?? null, `Loaded ${doc.file.path}`, { frontMatter: doc.content });
  }

  private async syncTraining(): Promise<void> {
    const existing = await this.em.find(TrainingResourceEntity, {});
    const bySlug = new Map(existing.map((t) => [t.slug, t]));
    const seen = new Set<string>();
    for (const doc of this.corpus.training) {
      seen.add(doc.key);
      const resource: TrainingResource | undefined = bySlug.get(doc.key);
      const changed = this.track('TRAINING', doc.key, doc.hash, resource && { hash: resource.contentHash, published: resource.published }, doc);
      this.tick();
      if (!changed) continue;
      const c = doc.content;
      const fields = {
        slug: doc.key, title: c.title, summary: c.summary, body: doc.file.body.trim(), provider: c.provider, format: c.format, level: c.level,
        competencies: c.competencies, cost: c.cost ?? null, duration: c.duration ?? null, externalUrl: c.url ?? null, topics: c.topics,
        lastReviewed: c.lastReviewed, contentHash: doc.hash, sourcePath: doc.file.path, published: true,
      };
      if (resource) Object.assign(resource, fields);
      else this.em.create(TrainingResourceEntity, { ...fields, createdAt: new Date(), updatedAt: new Date() });
      this.storeAllowances('TRAINING', doc.key, c.anonymisationAllowances);
      this.change('TRAINING', doc.key, 'UPSERT');
    }
    for (const resource of existing) {
      if (seen.has(resource.slug) || !resource.published) continue;
      resource.published = false;
      this.unpublish('TRAINING', resource.slug, resource.contentHash);
      this.change('TRAINING', resource.slug, 'DELETE');
    }
  }
}


function bumpMinor(version: string): string {
  const v = parseSemver(version)!;
  return `${v.major}.${v.minor + 1}.0`;
}
