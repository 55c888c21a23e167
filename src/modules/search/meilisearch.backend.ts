import { createHash } from 'node:crypto';
import { IsolationLevel } from '@mikro-orm/core';
import { Meilisearch, MeilisearchApiError, type Filter, type Index, type SearchParams, type SearchResponse, type Settings, type Task } from 'meilisearch';
import type { Em } from '../../db/createOrm.js';
import type { DocumentKind } from '../../graphql/document.js';
import type { Logger } from '../../logger.js';
import { GlossaryTermEntity } from '../glossary/glossary-term.entity.js';
import { MATCH_END, MATCH_START, safeHighlight } from './highlight.js';
import { formsOf, type GlossaryEntry } from './query-understanding.js';
import {
  emptyFacets,
  FACET_FIELDS,
  type BackendHealth,
  type BackendHit,
  type BackendResult,
  type BackendSearchRequest,
  type DocumentRef,
  type FacetCounts,
  type FacetField,
  type IndexReport,
  type SearchBackend,
  type SearchDocument,
  type SearchFilter,
} from './search-backend.js';
import { buildAllSearchDocuments } from './search-documents.js';
import { sqlArray } from './sql-array.js';

/** A search document as Meilisearch stores it. */
export interface MeiliDocument {
  id: string;
  kind: string;
  key: string;
  entityId: number;
  path: string;
  title: string;
  summary: string;
  keywords: string;
  body: string;
  clauseRef: string | null;
  clauseSortKey: string | null;
  clauseAncestors: string[];
  citedClauses: string[];
  standards: string[];
  topics: string[];
  blueprintKind: string | null;
  systemType: string | null;
  setting: string | null;
  /** Seconds since the epoch, sortable. */
  updatedAt: number;
}

/** Index attribute for each facet of the GraphQL API. */
const FACET_ATTRIBUTE: Record<FacetField, keyof MeiliDocument> = {
  kind: 'kind', standard: 'standards', topic: 'topics', blueprintKind: 'blueprintKind', systemType: 'systemType', setting: 'setting',
};
const RETRIEVED: (keyof MeiliDocument)[] = ['id', 'kind', 'key', 'entityId', 'path', 'title', 'summary'];
const PINNED_LIMIT = 200;
/** Order without a text query (pinned clauses, browsing a filter): the same as PostgreSQL's ties. */
const BROWSE_ORDER = ['kind:asc', 'clauseSortKey:asc', 'title:asc'];
const ADD_BATCH = 500;
const TASK_TIMEOUT_MS = 120_000;

/**
 * Meilisearch ids allow only letters, digits, - and _: the kind and key are base64url-encoded together, which is
 * unique by construction and stays under Meilisearch's 511-byte limit for any key the hub issues.
 */
export function meiliDocumentId(ref: DocumentRef): string {
  return Buffer.from(`${ref.kind}:${ref.key}`, 'utf8').toString('base64url');
}

export function toMeiliDocument(document: SearchDocument): MeiliDocument {
  return {
    id: meiliDocumentId(document),
    kind: document.kind,
    key: document.key,
    entityId: document.entityId,
    path: document.path,
    title: document.title,
    summary: document.summary,
    keywords: document.keywords,
    body: document.body,
    clauseRef: document.clauseRef,
    clauseSortKey: document.clauseSortKey,
    clauseAncestors: document.clauseAncestors,
    citedClauses: document.citedClauses,
    standards: document.standards,
    topics: document.topics,
    blueprintKind: document.blueprintKind,
    systemType: document.systemType,
    setting: document.setting,
    updatedAt: Math.floor(document.updatedAt.getTime() / 1000),
  };
}

/**
 * Glossary synonyms in Meilisearch's shape: every form of a term (acronym, expansion, synonyms) maps to all the
 * others, so CSCR finds "clinical safety case report" and the other way round. Keys are lower case; a form
 * shared by two terms gets the forms of both.
 */
export function buildSynonyms(glossary: readonly GlossaryEntry[]): Record<string, string[]> {
  const synonyms: Record<string, Set<string>> = {};
  for (const entry of glossary) {
    const forms = formsOf(entry).map((f) => f.toLowerCase());
    for (const form of forms) {
      const set = (synonyms[form] ??= new Set());
      for (const other of forms) if (other !== form) set.add(other);
    }
  }
  return Object.fromEntries(Object.entries(synonyms).filter(([, set]) => set.size > 0).sort(([a], [b]) => a.localeCompare(b)).map(([form, set]) => [form, [...set].sort()]));
}

/** The index settings, as code: applied on start, on every reindex, and whenever the glossary changes. */
export function buildMeiliSettings(glossary: readonly GlossaryEntry[]): Settings {
  return {
    // Order is importance for the attribute ranking rule: title first, body last.
    searchableAttributes: ['title', 'clauseRef', 'keywords', 'summary', 'body'],
    filterableAttributes: ['id', 'kind', 'key', 'clauseRef', 'clauseAncestors', 'citedClauses', 'standards', 'topics', 'blueprintKind', 'systemType', 'setting'],
    sortableAttributes: ['clauseSortKey', 'kind', 'title', 'updatedAt'],
    displayedAttributes: ['*'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: buildSynonyms(glossary),
    typoTolerance: {
      enabled: true,
      // "2.3.1" must never match "2.3.4": clause numbers and references are exact.
      disableOnNumbers: true,
      disableOnAttributes: ['clauseRef', 'clauseAncestors', 'citedClauses'],
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
    },
    faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 2000 },
    proximityPrecision: 'byWord',
  };
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function inList(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(quote).join(', ')}]`;
}

/** The API's filter in Meilisearch filter syntax: OR within a field (IN), AND across fields. */
export function buildMeiliFilter(filter: SearchFilter): string[] {
  const parts: string[] = [];
  if (filter.kinds?.length) parts.push(inList('kind', filter.kinds));
  if (filter.standards?.length) parts.push(inList('standards', filter.standards));
  if (filter.topics?.length) parts.push(inList('topics', filter.topics));
  if (filter.blueprintKinds?.length) parts.push(inList('blueprintKind', filter.blueprintKinds));
  if (filter.systemTypes?.length) parts.push(inList('systemType', filter.systemTypes));
  if (filter.settings?.length) parts.push(inList('setting', filter.settings));
  return parts;
}

export interface MeilisearchOptions {
  host: string;
  apiKey?: string;
  indexPrefix: string;
  /** Per-request timeout, so an unreachable server fails fast and search falls back to PostgreSQL. */
  timeoutMs?: number;
  logger: Logger;
}

/**
 * Meilisearch through the official client. Writes wait on their tasks and fail loudly when a task fails; a full
 * reindex fills a fresh index and swaps it in atomically, so searches never see a half-built index.
 */
export class MeilisearchBackend implements SearchBackend {
  readonly name = 'meilisearch' as const;
  readonly client: Meilisearch;
  readonly indexUid: string;
  private appliedSettingsHash: string | null = null;
  private readonly logger: Logger;

  constructor(options: MeilisearchOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.timeoutMs ?? 3000, defaultWaitOptions: { timeout: TASK_TIMEOUT_MS, interval: 50 } });
    this.indexUid = `${options.indexPrefix}_documents`;
    this.logger = options.logger;
  }

  private get liveIndex(): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(this.indexUid);
  }

  async health(): Promise<BackendHealth> {
    try {
      await this.client.health();
      const stats = await this.liveIndex.getStats();
      return { ok: true, detail: `Meilisearch index ${this.indexUid} (${stats.numberOfDocuments} documents)` };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  /**
   * Creates the index when missing, applies the settings when the glossary (synonyms) changed since they were
   * last applied, and fills an empty index from the database. Safe to call repeatedly.
   */
  async prepare(em: Em): Promise<void> {
    const exists = await this.indexExists(this.indexUid);
    if (!exists) await waitFor(this.client.createIndex(this.indexUid, { primaryKey: 'id' }), `create index ${this.indexUid}`);
    await this.ensureSettings(em);
    const stats = await this.liveIndex.getStats();
    if (stats.numberOfDocuments === 0) {
      const documents = await buildAllSearchDocuments(em);
      if (documents.length > 0) {
        this.logger.info({ index: this.indexUid, documents: documents.length }, 'Meilisearch index is empty: reindexing');
        await this.reindex(em);
      }
    }
  }

  async ensureSettings(em: Em): Promise<void> {
    const settings = buildMeiliSettings(await loadGlossary(em));
    const hash = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
    if (hash === this.appliedSettingsHash) return;
    await waitFor(this.liveIndex.updateSettings(settings), `update settings of ${this.indexUid}`);
    this.appliedSettingsHash = hash;
  }

  async index(_em: Em, documents: SearchDocument[]): Promise<IndexReport> {
    await this.addAll(this.liveIndex, documents.map(toMeiliDocument));
    return { indexed: documents.length, removed: 0 };
  }

  async remove(_em: Em, refs: DocumentRef[]): Promise<IndexReport> {
    if (refs.length === 0) return { indexed: 0, removed: 0 };
    await waitFor(this.liveIndex.deleteDocuments(refs.map(meiliDocumentId)), `delete documents from ${this.indexUid}`);
    return { indexed: 0, removed: refs.length };
  }

  /**
   * Builds a fresh index from a consistent snapshot of the database, swaps it with the live one atomically, then
   * settles the outbox: changes included in the snapshot are marked done, and changes the drain applied to the
   * old index while this ran are queued again for the new one (upserts are idempotent, so at-least-once holds).
   */
  async reindex(em: Em): Promise<IndexReport> {
    const snapshot = await em.fork().transactional(async (tx) => {
      const [{ started }] = await tx.execute<{ started: Date }[]>('select now() as started');
      const pending = await tx.execute<{ id: string }[]>('select id from search_outbox where processed_at is null');
      return { started, pendingIds: pending.map((p) => Number(p.id)), documents: await buildAllSearchDocuments(tx), glossary: await loadGlossary(tx) };
    }, { isolationLevel: IsolationLevel.REPEATABLE_READ });

    const freshUid = `${this.indexUid}_${Date.now().toString(36)}`;
    await waitFor(this.client.createIndex(freshUid, { primaryKey: 'id' }), `create index ${freshUid}`);
    try {
      const fresh = this.client.index<MeiliDocument>(freshUid);
      const settings = buildMeiliSettings(snapshot.glossary);
      await waitFor(fresh.updateSettings(settings), `update settings of ${freshUid}`);
      await this.addAll(fresh, snapshot.documents.map(toMeiliDocument));
      if (!(await this.indexExists(this.indexUid))) await waitFor(this.client.createIndex(this.indexUid, { primaryKey: 'id' }), `create index ${this.indexUid}`);
      const previous = (await this.liveIndex.getStats()).numberOfDocuments;
      await waitFor(this.client.swapIndexes([{ indexes: [this.indexUid, freshUid], rename: false }]), `swap ${freshUid} into ${this.indexUid}`);
      this.appliedSettingsHash = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
      await em.fork().transactional(async (tx) => {
        if (snapshot.pendingIds.length > 0) await tx.execute('update search_outbox set processed_at = now(), last_error = null where id = any(?::bigint[]) and processed_at is null', [sqlArray(snapshot.pendingIds)]);
        await tx.execute('update search_outbox set processed_at = null where processed_at >= ? and not (id = any(?::bigint[]))', [snapshot.started, sqlArray(snapshot.pendingIds)]);
      });
      return { indexed: snapshot.documents.length, removed: Math.max(0, previous - snapshot.documents.length) };
    } finally {
      // After the swap this name holds the old documents; on failure it holds the partial new ones.
      await waitFor(this.client.deleteIndex(freshUid), `delete index ${freshUid}`).catch((error) => this.logger.warn({ err: error, index: freshUid }, 'could not delete a temporary Meilisearch index'));
    }
  }

  async search(_em: Em, request: BackendSearchRequest): Promise<BackendResult> {
    const { plan, filter, offset, limit } = request;
    const userFilter = buildMeiliFilter(filter);
    const pinnedStandards = plan.pinnedClauses.length === 0 ? plan.standardCodes : [];
    const pinnedQueries: SearchParams[] = [];
    const exclusions: string[] = [];
    if (plan.pinnedClauses.length > 0) {
      pinnedQueries.push({ filter: [...userFilter, inList('clauseRef', plan.pinnedClauses)] });
      pinnedQueries.push({ filter: [...userFilter, inList('clauseAncestors', plan.pinnedClauses), `NOT ${inList('clauseRef', plan.pinnedClauses)}`] });
      exclusions.push(`NOT ${inList('clauseRef', plan.pinnedClauses)}`, `NOT ${inList('clauseAncestors', plan.pinnedClauses)}`);
    }
    if (pinnedStandards.length > 0) {
      pinnedQueries.push({ filter: [...userFilter, 'kind = "STANDARD"', inList('key', pinnedStandards)] });
      exclusions.push(`NOT (kind = "STANDARD" AND ${inList('key', pinnedStandards)})`);
    }
    const facets = FACET_FIELDS.map((f) => FACET_ATTRIBUTE[f]);

    const pinned: { hits: MeiliHit[]; facets: FacetCounts } = { hits: [], facets: emptyFacets() };
    if (pinnedQueries.length > 0) {
      const { results } = await this.client.multiSearch<{ queries: (SearchParams & { indexUid: string })[] }, MeiliDocument>({
        queries: pinnedQueries.map((q) => ({ ...q, indexUid: this.indexUid, q: '', limit: PINNED_LIMIT, sort: BROWSE_ORDER, attributesToRetrieve: RETRIEVED, facets })),
      });
      for (const result of results) {
        pinned.hits.push(...result.hits);
        addFacets(pinned.facets, result);
      }
    }

    const text = [plan.text, ...plan.exclusions.map((e) => `-${e.replace(/\s+/g, ' ')}`)].join(' ').trim();
    const textFilter: Filter = [...userFilter, ...exclusions];
    if (!plan.text.trim()) {
      if (plan.pinnedClauses.length > 0) textFilter.push(inList('citedClauses', plan.pinnedClauses));
      else if (plan.standardCodes.length > 0) textFilter.push(inList('standards', plan.standardCodes));
    }
    const textOffset = Math.max(0, offset - pinned.hits.length);
    const textLimit = limit - Math.max(0, Math.min(limit, pinned.hits.length - offset));
    const textResult: SearchResponse<MeiliDocument> = await this.liveIndex.search(text, {
      filter: textFilter,
      offset: textOffset,
      limit: Math.max(textLimit, 0),
      facets,
      matchingStrategy: 'frequency',
      showRankingScore: true,
      attributesToRetrieve: RETRIEVED,
      attributesToHighlight: ['summary', 'body'],
      attributesToCrop: ['body:24', 'summary:40'],
      cropMarker: '…',
      highlightPreTag: MATCH_START,
      highlightPostTag: MATCH_END,
      ...(text ? {} : { sort: BROWSE_ORDER }),
    });

    const facetsOut = pinned.facets;
    addFacets(facetsOut, textResult);
    const pinnedTotal = pinned.hits.length;
    const textTotal = Object.values(textResult.facetDistribution?.kind ?? {}).reduce((sum, n) => sum + n, 0);
    const pageHits: BackendHit[] = [
      ...pinned.hits.slice(offset, offset + limit).map((hit, i) => toHit(hit, 1000 - (offset + i))),
      ...(textLimit > 0 ? textResult.hits.map((hit) => toHit(hit, hit._rankingScore ?? 0)) : []),
    ];
    for (const list of Object.values(facetsOut)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return { totalCount: pinnedTotal + textTotal, hits: pageHits, facets: facetsOut };
  }

  private async addAll(index: Index<MeiliDocument>, documents: MeiliDocument[]): Promise<void> {
    for (let start = 0; start < documents.length; start += ADD_BATCH) {
      await waitFor(index.addDocuments(documents.slice(start, start + ADD_BATCH), { primaryKey: 'id' }), `add documents to ${index.uid}`);
    }
  }

  private async indexExists(uid: string): Promise<boolean> {
    try {
      await this.client.getIndex(uid);
      return true;
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return false;
      throw error;
    }
  }
}

type MeiliHit = SearchResponse<MeiliDocument>['hits'][number];

function toHit(hit: MeiliHit, score: number): BackendHit {
  const formatted = hit._formatted;
  const marked = [formatted?.summary, formatted?.body].find((text) => typeof text === 'string' && text.includes(MATCH_START));
  return {
    kind: hit.kind as DocumentKind,
    key: hit.key,
    entityId: hit.entityId,
    path: hit.path,
    title: hit.title,
    summary: hit.summary,
    score: Math.round(score * 1e4) / 1e4,
    highlight: safeHighlight(marked as string | undefined, hit.summary),
  };
}

function addFacets(into: FacetCounts, result: SearchResponse<MeiliDocument>): void {
  for (const field of FACET_FIELDS) {
    const distribution = result.facetDistribution?.[FACET_ATTRIBUTE[field]] ?? {};
    for (const [value, count] of Object.entries(distribution)) {
      const existing = into[field].find((f) => f.value === value);
      if (existing) existing.count += count;
      else into[field].push({ value, count });
    }
  }
}

async function loadGlossary(em: Em): Promise<GlossaryEntry[]> {
  const terms = await em.find(GlossaryTermEntity, {}, { orderBy: { id: 'asc' } });
  return terms.map((t) => ({ term: t.term, expansion: t.expansion, synonyms: t.synonyms }));
}

/** Awaits a Meilisearch task and turns a failed or cancelled task into an error that says what was being done. */
async function waitFor(enqueued: { waitTask(): Promise<Task> }, what: string): Promise<Task> {
  const task = await enqueued.waitTask();
  if (task.status !== 'succeeded') {
    throw new Error(`Meilisearch could not ${what}: task ${task.uid} ${task.status}${task.error ? ` (${task.error.code}: ${task.error.message})` : ''}`);
  }
  return task;
}
