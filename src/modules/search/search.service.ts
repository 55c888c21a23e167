import { LRUCache } from 'lru-cache';
import type { HubConfig } from '../../config.js';
import type { Database, Em } from '../../db/createOrm.js';
import { encodeCursor, pageWindow, type PageInfo } from '../../graphql/connection.js';
import { DocumentKind } from '../../graphql/document.js';
import { errors, type FieldProblem } from '../../graphql/errors.js';
import type { Logger } from '../../logger.js';
import { GlossaryTermEntity } from '../glossary/glossary-term.entity.js';
import type { DocumentChange } from '../ingest/document-change.js';
import { INGEST_LOCK_KEY } from '../ingest/ingest.service.js';
import { normaliseStandardCode, StandardsService } from '../standards/standards.service.js';
import { TopicEntity } from '../taxonomy/topic.entity.js';
import { MeilisearchBackend } from './meilisearch.backend.js';
import { OutboxDrainer } from './outbox-drain.js';
import { PostgresSearchBackend } from './postgres-search.backend.js';
import { GlossaryIndex, MAX_QUERY_LENGTH, parseQuery, planQuery, wordsToCheck, type QueryPlan } from './query-understanding.js';
import type { BackendResult, FacetCounts, FacetField, IndexReport, SearchBackend, SearchFilter } from './search-backend.js';
import { planIndexChanges } from './search-documents.js';
import { correctWords, loadVocabulary, type Vocabulary } from './search-terms.js';
import { observeSearch } from '../../http/metrics.js';
import { contentGeneration } from '../revisions/content-generation.js';

export type { SearchFilter } from './search-backend.js';

export interface SearchInput {
  /** What the user typed; up to 256 characters. An empty query lists everything the filter allows. */
  query: string;
  filter?: SearchFilter;
  /** Page size, 1 to 100 (default 20). */
  first?: number;
  /** Cursor of the last hit of the previous page. */
  after?: string;
}

export interface SearchHitResult {
  kind: DocumentKind;
  /** Key within the kind: "DCB0129 2.3.1", a slug, "case-slug/H-001". */
  key: string;
  /** Database id, for loading the full document. */
  entityId: number;
  /** Canonical page path, e.g. /standards/DCB0129/2.3.1 (prefix the hub's origin for a URL). */
  path: string;
  title: string;
  summary: string;
  score: number;
  /** HTML-safe excerpt: the text is escaped and matches are wrapped in <mark>. Insert as HTML, as is. */
  highlight: string;
  cursor: string;
}

export interface FacetValueResult {
  value: string;
  /** Human label from the taxonomy where there is one, else the value. */
  label: string;
  count: number;
}

export interface SearchOutput {
  totalCount: number;
  hits: SearchHitResult[];
  pageInfo: PageInfo;
  facets: Record<FacetField, FacetValueResult[]>;
  /** "Did you mean" queries, e.g. the query with misspelt words corrected; the hits already include them. */
  suggestions: string[];
  /** How the query was understood, for "showing results for" messages and debugging relevance. */
  understood: { pinnedClauses: string[]; standardCodes: string[]; corrections: Record<string, string>; expandedTerms: string[] };
  /** The engine that answered: meilisearch, or postgres (the default, and the fallback when Meilisearch is down). */
  backend: 'postgres' | 'meilisearch';
  /** True when Meilisearch is configured but PostgreSQL answered because Meilisearch could not. */
  degraded: boolean;
}

export interface SearchStatus {
  configured: 'postgres' | 'meilisearch';
  active: 'postgres' | 'meilisearch';
  state: 'ok' | 'degraded';
  detail: string;
}

const MAX_FILTER_VALUES = 20;
const CACHE_TTL_MS = 60_000;
const MEILI_RETRY_MS = 30_000;
/** How long a kept answer may serve at most, like the API's cache hints for content. */
const ANSWER_TTL_MS = 300_000;

interface QueryContext {
  glossary: GlossaryIndex;
  vocabulary: Vocabulary;
  standards: string[];
  labels: Map<string, string>;
  loadedAt: number;
}

/**
 * The hub's search: understands the query (clause references, acronyms, misspellings), asks the configured
 * engine, and falls back to PostgreSQL full-text search when Meilisearch cannot answer. PostgreSQL's index is
 * always maintained, inside the ingest transaction, so the fallback is never stale; Meilisearch follows through
 * the outbox (see outbox-drain.ts).
 *
 * Server-rendered pages and GraphQL both call `search(em, { query, filter, first, after })`.
 */
export class SearchService {
  private context: QueryContext | undefined;
  private meiliDownUntil = 0;
  private meiliProblem: string | null = null;

  /**
   * Answers PostgreSQL gave, by question and content generation. A query matching thousands of documents costs
   * hundreds of milliseconds (every match is scored and counted for the facets), while intranet widgets and
   * search-as-you-type ask the same popular questions over and over.
   */
  private readonly answers: LRUCache<string, BackendResult> | null;

  constructor(
    readonly postgres: PostgresSearchBackend,
    readonly meili: SearchBackend | null,
    private readonly logger: Logger,
    private readonly drainer: OutboxDrainer | null = null,
    answerCacheEntries = 0,
  ) {
    this.answers = answerCacheEntries > 0 ? new LRUCache({ max: answerCacheEntries, ttl: ANSWER_TTL_MS }) : null;
  }

  /**
   * Called once the database is migrated and loaded: fills the PostgreSQL index if it is empty (a database
   * created before search existed), then starts Meilisearch's outbox drain, which also prepares its index.
   */
  async start(em: Em): Promise<void> {
    const [{ entries }] = await em.execute<{ entries: string }[]>('select count(*) as entries from search_entry');
    if (Number(entries) === 0) {
      // Instances starting together wait for each other here; whoever comes second finds the index built.
      await em.transactional(async (tx) => {
        await tx.execute('select pg_advisory_xact_lock(?)', [INGEST_LOCK_KEY]);
        const [{ entries: now }] = await tx.execute<{ entries: string }[]>('select count(*) as entries from search_entry');
        if (Number(now) > 0) return;
        const report = await this.postgres.reindex(tx);
        if (report.indexed > 0) this.logger.info({ documents: report.indexed }, 'search index was empty: built it from the database');
      });
    }
    this.drainer?.start();
  }

  async stop(): Promise<void> {
    await this.drainer?.stop();
  }

  /** Pushes pending outbox changes to Meilisearch now (after an ingest); nothing to do without Meilisearch. */
  async drainOutbox(): Promise<void> {
    await this.drainer?.drainNow();
  }

  async search(em: Em, input: SearchInput): Promise<SearchOutput> {
    const started = performance.now();
    const window = pageWindow({ first: input.first, after: input.after });
    const filter = validateFilter(input.filter ?? {});
    if (typeof input.query !== 'string' || input.query.length > MAX_QUERY_LENGTH) {
      throw errors.badInput(`"query" must be at most ${MAX_QUERY_LENGTH} characters`, [{ field: 'query', message: `at most ${MAX_QUERY_LENGTH} characters` }]);
    }
    const context = await this.queryContext(em);
    const plan = await this.planWith(em, input.query, context);

    let result: BackendResult;
    let backend: SearchOutput['backend'] = 'postgres';
    let degraded = false;
    const request = { plan, filter, offset: window.offset, limit: window.limit };
    if (this.meili && Date.now() >= this.meiliDownUntil) {
      try {
        result = await this.meili.search(em, request);
        backend = 'meilisearch';
        this.meiliProblem = null;
      } catch (error) {
        this.markMeiliDown(error);
        result = await this.postgres.search(em, request);
        degraded = true;
      }
    } else {
      degraded = this.meili !== null;
      result = await this.postgresAnswer(em, input.query, request, !degraded);
    }

    observeSearch(performance.now() - started, backend);
    const hits = result.hits.map((hit, index) => ({ ...hit, cursor: encodeCursor(window.offset + index) }));
    return {
      totalCount: result.totalCount,
      hits,
      pageInfo: {
        hasNextPage: window.offset + hits.length < result.totalCount,
        hasPreviousPage: window.offset > 0,
        startCursor: hits[0]?.cursor ?? null,
        endCursor: hits.at(-1)?.cursor ?? null,
      },
      facets: labelFacets(result.facets, context.labels),
      suggestions: plan.correctedQuery ? [plan.correctedQuery] : [],
      understood: {
        pinnedClauses: plan.pinnedClauses,
        standardCodes: plan.standardCodes,
        corrections: plan.corrections,
        expandedTerms: plan.groups.filter((g) => g.glossaryTerm).map((g) => g.glossaryTerm!),
      },
      backend,
      degraded,
    };
  }

  /**
   * PostgreSQL's answer, kept when `keep` (not while standing in for Meilisearch), under the content generation
   * it was computed from, so it is never served once newer content is committed.
   */
  private async postgresAnswer(em: Em, query: string, request: Parameters<PostgresSearchBackend['search']>[1], keep: boolean): Promise<BackendResult> {
    if (!this.answers || !keep) return this.postgres.search(em, request);
    const key = JSON.stringify([await contentGeneration(em), query, request.filter, request.offset, request.limit]);
    const kept = this.answers.get(key);
    if (kept) return kept;
    const result = await this.postgres.search(em, request);
    this.answers.set(key, result);
    return result;
  }

  /** How a query is understood, without searching (used by search and by relevance tooling). */
  async plan(em: Em, query: string): Promise<QueryPlan> {
    return this.planWith(em, query, await this.queryContext(em));
  }

  private async planWith(em: Em, query: string, ctx: QueryContext): Promise<QueryPlan> {
    const parsed = parseQuery(query, ctx.standards);
    const corrections = await correctWords(em, wordsToCheck(parsed, ctx.glossary), ctx.vocabulary);
    return planQuery(parsed, ctx.glossary, ctx.standards, corrections, (word, partial) => ctx.vocabulary.frequency(word, partial));
  }

  /**
   * Ingest's `onChanges` hook: runs inside the ingest transaction, so the PostgreSQL index and its spelling
   * vocabulary commit (or roll back) with the content. Meilisearch picks the same changes up from the outbox.
   */
  readonly indexChanges = async (em: Em, changes: DocumentChange[]): Promise<void> => {
    const { upserts, removals } = await planIndexChanges(em, changes);
    await this.postgres.applyChanges(em, upserts, removals);
    this.context = undefined;
  };

  /** Rebuilds every index from the database. */
  async reindex(em: Em): Promise<{ postgres: IndexReport; meilisearch: IndexReport | null }> {
    const postgres = await this.postgres.reindex(em);
    this.context = undefined;
    if (!this.meili) return { postgres, meilisearch: null };
    // The drain would otherwise prepare (and possibly fill) the same index at the same time.
    const draining = this.drainer?.isRunning() ?? false;
    await this.drainer?.stop();
    try {
      return { postgres, meilisearch: await this.meili.reindex(em) };
    } finally {
      if (draining) this.drainer?.start();
    }
  }

  /** For /readyz: a Meilisearch outage is degraded service (PostgreSQL answers), not unreadiness. */
  async status(): Promise<SearchStatus> {
    if (!this.meili) return { configured: 'postgres', active: 'postgres', state: 'ok', detail: 'PostgreSQL full-text search' };
    if (Date.now() >= this.meiliDownUntil) {
      const health = await this.meili.health();
      if (health.ok) {
        this.meiliProblem = null;
        return { configured: 'meilisearch', active: 'meilisearch', state: 'ok', detail: health.detail };
      }
      this.markMeiliDown(new Error(health.detail));
    }
    return { configured: 'meilisearch', active: 'postgres', state: 'degraded', detail: `Meilisearch unavailable (${this.meiliProblem}); answering from PostgreSQL full-text search` };
  }

  private markMeiliDown(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.meiliDownUntil = Date.now() + MEILI_RETRY_MS;
    if (this.meiliProblem !== message) this.logger.warn({ err: error }, 'Meilisearch is unavailable: searching with PostgreSQL until it answers again');
    this.meiliProblem = message;
  }

  private async queryContext(em: Em): Promise<QueryContext> {
    if (this.context && Date.now() - this.context.loadedAt < CACHE_TTL_MS) return this.context;
    const [terms, standards, topics, vocabulary] = await Promise.all([
      em.find(GlossaryTermEntity, {}, { orderBy: { id: 'asc' } }),
      new StandardsService(em).listCurrent(),
      em.find(TopicEntity, {}),
      loadVocabulary(em),
    ]);
    this.context = {
      glossary: new GlossaryIndex(terms.map((t) => ({ term: t.term, expansion: t.expansion, synonyms: t.synonyms }))),
      vocabulary,
      standards: standards.map((s) => s.code),
      labels: new Map(topics.map((t) => [`${t.vocabulary}:${t.code}`, t.label])),
      loadedAt: Date.now(),
    };
    return this.context;
  }
}

const LABEL_VOCABULARY: Partial<Record<FacetField, string>> = { topic: 'TOPIC', systemType: 'SYSTEM_TYPE', setting: 'SETTING' };

function labelFacets(facets: FacetCounts, labels: Map<string, string>): SearchOutput['facets'] {
  const out = {} as SearchOutput['facets'];
  for (const [field, values] of Object.entries(facets) as [FacetField, FacetCounts[FacetField]][]) {
    const vocabulary = LABEL_VOCABULARY[field];
    out[field] = values.map((v) => ({ ...v, label: (vocabulary && labels.get(`${vocabulary}:${v.value}`)) || v.value }));
  }
  return out;
}

/** Filter fields as the GraphQL `SearchFilter` input names them, so problems name what the client sent. */
const FILTER_ARGUMENT: Record<keyof SearchFilter, string> = {
  kinds: 'filter.kind', standards: 'filter.standard', topics: 'filter.topic', blueprintKinds: 'filter.blueprintKind', systemTypes: 'filter.systemType', settings: 'filter.setting',
};

function validateFilter(filter: SearchFilter): SearchFilter {
  const problems: FieldProblem[] = [];
  const clean = (field: keyof SearchFilter, values: readonly string[] | undefined, normalise: (v: string) => string = (v) => v.trim()) => {
    if (!values || values.length === 0) return undefined;
    if (values.length > MAX_FILTER_VALUES) problems.push({ field: FILTER_ARGUMENT[field], message: `at most ${MAX_FILTER_VALUES} values` });
    for (const value of values) if (value.length > 64) problems.push({ field: FILTER_ARGUMENT[field], message: `"${value.slice(0, 20)}…" is longer than 64 characters` });
    return [...new Set(values.map(normalise))];
  };
  const kinds = clean('kinds', filter.kinds) as DocumentKind[] | undefined;
  for (const kind of kinds ?? []) if (!Object.values(DocumentKind).includes(kind)) problems.push({ field: 'filter.kind', message: `"${kind}" is not a document kind` });
  const result: SearchFilter = {
    kinds,
    standards: clean('standards', filter.standards, normaliseStandardCode),
    topics: clean('topics', filter.topics),
    blueprintKinds: clean('blueprintKinds', filter.blueprintKinds),
    systemTypes: clean('systemTypes', filter.systemTypes),
    settings: clean('settings', filter.settings),
  };
  if (problems.length > 0) throw errors.badInput(`The search filter is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  return result;
}

/** PostgreSQL search always; Meilisearch in front of it when MEILI_HOST is set. */
export function createSearchService(config: HubConfig, db: Database, logger: Logger): SearchService {
  const postgres = new PostgresSearchBackend();
  if (!config.meiliHost) return new SearchService(postgres, null, logger, null, config.searchCacheEntries);
  const meili = new MeilisearchBackend({ host: config.meiliHost, apiKey: config.meiliApiKey, indexPrefix: config.meiliIndexPrefix, logger });
  return new SearchService(postgres, meili, logger, new OutboxDrainer(db, meili, logger), config.searchCacheEntries);
}
