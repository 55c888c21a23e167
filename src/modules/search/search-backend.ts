import type { Em } from '../../db/createOrm.js';
import type { DocumentKind } from '../../graphql/document.js';
import type { QueryPlan } from './query-understanding.js';

/**
 * What every search backend indexes: one flat record per searchable document, built from the database by
 * search-documents.ts. Both backends index exactly these fields, so they answer the same filters and facets.
 */
export interface SearchDocument {
  kind: DocumentKind;
  /** Key within the kind, as ingest names it: "DCB0129", "DCB0129 2.3.1", a slug, "case-slug/H-001". */
  key: string;
  /** Database id of the entity, for loading the full GraphQL document of a hit. */
  entityId: number;
  /** Canonical page path, e.g. /standards/DCB0129/2.3.1. */
  path: string;
  title: string;
  summary: string;
  /** Short, specific terms: codes, clause references, acronyms, topic and taxonomy labels. */
  keywords: string;
  /** Plain text (Markdown removed) of the long content. */
  body: string;
  /** A clause's own reference, "DCB0129 2.3.1"; null for other kinds. */
  clauseRef: string | null;
  /** Sortable form of a clause's number, so pinned clauses list in document order. */
  clauseSortKey: string | null;
  /** References of a clause's parents ("DCB0129 2", "DCB0129 2.3"), so a section pulls in its requirements. */
  clauseAncestors: string[];
  /** Clause references the document explains, helps satisfy or was produced under. */
  citedClauses: string[];
  /** Facet values. */
  standards: string[];
  topics: string[];
  blueprintKind: string | null;
  systemType: string | null;
  setting: string | null;
  updatedAt: Date;
}

export interface DocumentRef {
  kind: DocumentKind;
  key: string;
}

/** Within a field any listed value matches; across fields every field must match. */
export interface SearchFilter {
  kinds?: DocumentKind[];
  standards?: string[];
  topics?: string[];
  blueprintKinds?: string[];
  systemTypes?: string[];
  settings?: string[];
}

export const FACET_FIELDS = ['kind', 'standard', 'topic', 'blueprintKind', 'systemType', 'setting'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface FacetCount {
  value: string;
  count: number;
}

/** Counts over every hit of the query and filter (not just the page), largest first. */
export type FacetCounts = Record<FacetField, FacetCount[]>;

export interface BackendHit {
  kind: DocumentKind;
  key: string;
  entityId: number;
  path: string;
  title: string;
  summary: string;
  /** Relative relevance; only comparable within one response. */
  score: number;
  /** HTML-safe excerpt: text escaped, matches wrapped in <mark>. */
  highlight: string;
}

export interface BackendResult {
  totalCount: number;
  hits: BackendHit[];
  facets: FacetCounts;
}

export interface BackendSearchRequest {
  plan: QueryPlan;
  filter: SearchFilter;
  offset: number;
  limit: number;
}

export interface BackendHealth {
  ok: boolean;
  detail: string;
}

export interface IndexReport {
  indexed: number;
  removed: number;
}

/**
 * A search engine behind the hub. PostgreSQL full-text search is always present (it is also the fallback);
 * Meilisearch is used when MEILI_HOST is set. `em` is the caller's EntityManager: inside ingest it is the
 * transactional one, so the PostgreSQL index moves in the same transaction as the content.
 */
export interface SearchBackend {
  readonly name: 'postgres' | 'meilisearch';
  /** Adds or replaces these documents (idempotent). */
  index(em: Em, documents: SearchDocument[]): Promise<IndexReport>;
  /** Removes these documents; unknown ones are ignored. */
  remove(em: Em, refs: DocumentRef[]): Promise<IndexReport>;
  search(em: Em, request: BackendSearchRequest): Promise<BackendResult>;
  /** Rebuilds the whole index from the database; the previous index keeps answering until the new one is complete. */
  reindex(em: Em): Promise<IndexReport>;
  health(): Promise<BackendHealth>;
}

export function emptyFacets(): FacetCounts {
  return { kind: [], standard: [], topic: [], blueprintKind: [], systemType: [], setting: [] };
}

export function refId(ref: DocumentRef): string {
  return `${ref.kind}:${ref.key}`;
}
