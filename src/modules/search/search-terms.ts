import type { Em } from '../../db/createOrm.js';
import type { DocumentRef } from './search-backend.js';
import { sqlArray } from './sql-array.js';

/**
 * The spelling vocabulary: every surface word of the indexed text (lower case, unaccented, unstemmed) with the
 * number of documents it appears in. Words a query uses that are not in it cannot match anything, so they are
 * corrected to a close, frequent word found through pg_trgm, then confirmed by edit distance: trigram similarity
 * alone ranks "safe" above "safety" for "saftey" (0.33 against 0.27), while the edit distance is 2 against 1.
 */

/** Trigram similarity a candidate needs to be considered; low, because the edit distance decides. */
const CANDIDATE_SIMILARITY = 0.2;
const CANDIDATES_PER_WORD = 12;

const WORDS_OF_ENTRY = `to_tsvector('simple', unaccent(title || ' ' || summary || ' ' || keywords || ' ' || body))`;
const WORD_SHAPE = `word ~ '^[a-z][a-z''-]{1,39}$'`;

/** Rebuilds the vocabulary from the whole index (after a reindex or a large ingest). */
export async function rebuildSearchTerms(em: Em): Promise<void> {
  await em.execute('delete from search_term');
  await em.execute(`insert into search_term (word, documents)
    select word, ndoc from ts_stat($$select ${WORDS_OF_ENTRY} from search_entry$$) where ${WORD_SHAPE}`);
  await cleanPendingList(em);
}

/** New words wait in the trigram index's pending list until merged; PGlite never vacuums, so merge them here. */
async function cleanPendingList(em: Em): Promise<void> {
  await em.execute(`select gin_clean_pending_list('search_term_word_trgm_index'::regclass)`);
}

/**
 * Moves the vocabulary's counts by the words of some entries: -1 before they are replaced or removed, +1 once
 * the new versions are in. Applied around a change, it keeps the counts exactly what a rebuild would give (ranking
 * weighs words by them) without rereading the whole index, so publishing one document stays cheap.
 */
export async function countSearchTerms(em: Em, refs: readonly DocumentRef[], direction: 1 | -1): Promise<void> {
  if (refs.length === 0) return;
  await em.execute(
    `insert into search_term (word, documents)
     select word, ${direction === 1 ? 'ndoc' : '-ndoc'} from ts_stat(format(
       'select ${WORDS_OF_ENTRY.replace(/'/g, "''")} from search_entry where (kind, key) in (select * from unnest(%L::text[], %L::text[]))', ?::text, ?::text
     )) where ${WORD_SHAPE}
     on conflict (word) do update set documents = search_term.documents + excluded.documents`,
    [sqlArray(refs.map((r) => r.kind)), sqlArray(refs.map((r) => r.key))],
  );
  if (direction === -1) await em.execute('delete from search_term where documents <= 0');
  else await cleanPendingList(em);
}

export interface WordToCheck {
  word: string;
  /** Still being typed: known when it begins some indexed word. */
  partial: boolean;
}

/** The vocabulary's words, for telling known words from unknown ones without a round trip per search. */
export async function loadVocabulary(em: Em): Promise<Vocabulary> {
  const rows = await em.execute<{ word: string; documents: number }[]>('select word, documents from search_term');
  return new Vocabulary(rows.map((r) => [r.word, Number(r.documents)]));
}

/** The vocabulary in memory: which words the index knows, and in how many documents each appears. */
export class Vocabulary {
  private readonly documents: Map<string, number>;
  /** Sorted here, not by the database, whose collation may order punctuation differently. */
  private readonly sorted: string[];

  constructor(entries: Iterable<[string, number]>) {
    this.documents = new Map(entries);
    this.sorted = [...this.documents.keys()].sort();
  }

  knows(word: WordToCheck): boolean {
    if (this.documents.has(word.word)) return true;
    return word.partial && this.withPrefix(word.word).length > 0;
  }

  /** Documents containing the word, or for a word still being typed the most common word it begins; 0 when unknown. */
  frequency(word: string, partial = false): number {
    if (!partial) return this.documents.get(word) ?? 0;
    return this.withPrefix(word).reduce((most, w) => Math.max(most, this.documents.get(w)!), 0);
  }

  private withPrefix(prefix: string): string[] {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid] < prefix) low = mid + 1;
      else high = mid;
    }
    const words: string[] = [];
    for (let i = low; i < this.sorted.length && this.sorted[i].startsWith(prefix); i += 1) words.push(this.sorted[i]);
    return words;
  }
}

/**
 * Maps each word the vocabulary does not know to its correction; words with no convincing correction are left
 * out. Known words cost nothing: only unknown ones (typos, mostly) reach the database.
 */
export async function correctWords(em: Em, words: WordToCheck[], vocabulary: Vocabulary): Promise<Map<string, string>> {
  const corrections = new Map<string, string>();
  const unknown = [...new Set(words.filter((w) => !vocabulary.knows(w)).map((w) => w.word))];
  if (unknown.length === 0) return corrections;
  // `%` uses the trigram index at the transaction's threshold, set low here (see CANDIDATE_SIMILARITY).
  const rows = await em.transactional(async (tx) => {
    await tx.execute(`select set_config('pg_trgm.similarity_threshold', ?, true)`, [String(CANDIDATE_SIMILARITY)]);
    return tx.execute<{ input: string; candidate: string | null; documents: number | null; similarity: number | null }[]>(
      `select u.word as input, c.word as candidate, c.documents, c.similarity
       from unnest(?::text[]) as u(word)
       left join lateral (
         select t.word, t.documents, similarity(t.word, u.word) as similarity from search_term t
         where length(t.word) between length(u.word) - 3 and length(u.word) + 3 and t.word % u.word
         order by similarity(t.word, u.word) desc, t.documents desc
         limit ?
       ) c on true`,
      [sqlArray(unknown), CANDIDATES_PER_WORD],
    );
  });
  const byInput = new Map<string, { candidate: string; documents: number; similarity: number; distance: number }[]>();
  for (const row of rows) {
    const list = byInput.get(row.input) ?? [];
    if (row.candidate) list.push({ candidate: row.candidate, documents: Number(row.documents), similarity: Number(row.similarity), distance: editDistance(row.input, row.candidate) });
    byInput.set(row.input, list);
  }
  for (const [input, candidates] of byInput) {
    const allowed = maxEdits(input);
    const best = candidates
      .filter((c) => c.distance <= allowed)
      .sort((a, b) => a.distance - b.distance || b.documents - a.documents || b.similarity - a.similarity)[0];
    if (best) corrections.set(input, best.candidate);
  }
  return corrections;
}

/** Short words tolerate one edit, longer ones two, very long ones three. */
function maxEdits(word: string): number {
  if (word.length <= 4) return 1;
  if (word.length <= 10) return 2;
  return 3;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions each cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
