/**
 * Turns what a Clinical Safety Officer types into a search plan both backends follow: clause references
 * ("DCB0129 2.3", "0160 clause 4.1", "2.5.1", "dcb 129 3.2.1") become pinned clauses, a bare standard code
 * becomes a pinned standard, and the remaining words become groups of alternatives, each group one concept:
 * a word, its spelling correction, or a glossary term with its acronym, expansion and synonyms.
 *
 * Everything here is pure; the database work (glossary, spelling) is done by the caller and passed in.
 */

export const MAX_QUERY_LENGTH = 256;
const MAX_WORDS = 16;
const MAX_GLOSSARY_SPAN = 7;

export interface GlossaryEntry {
  term: string;
  expansion: string;
  synonyms: string[];
}

/** A clause number with the standard it was typed with, or null when the standard was not named. */
export interface ClauseRefQuery {
  code: string | null;
  number: string;
}

export interface QueryWord {
  /** As typed, trimmed of surrounding punctuation. */
  text: string;
  /** Lower case, accents removed: the form compared with the glossary and the spelling vocabulary. */
  normalised: string;
  /** Typed inside double quotes: matched as part of an exact phrase, never corrected or expanded. */
  quoted: boolean;
  /** The last word with no space after it: the user may still be typing it. */
  partial: boolean;
}

export interface ParsedQuery {
  raw: string;
  clauseRefs: ClauseRefQuery[];
  standardCodes: string[];
  /** Words outside quotes and clause references, in order. */
  words: QueryWord[];
  /** Quoted phrases, each matched as an exact phrase. */
  phrases: string[];
  /** Words typed with a leading minus: documents containing them are left out. */
  exclusions: string[];
}

export interface Alternative {
  /** Text for websearch_to_tsquery (several words are matched as a phrase) or, with `prefix`, a word prefix. */
  text: string;
  prefix: boolean;
  /** True for what the user typed (or its correction); false for glossary expansions and synonyms. */
  typed: boolean;
}

/** One concept of the query: a document matches the group when it matches any alternative. */
export interface TermGroup {
  label: string;
  alternatives: Alternative[];
  /** The glossary term this group was recognised as, e.g. "CSCR". */
  glossaryTerm: string | null;
  /**
   * About how many documents match the group (its most common alternative, each alternative as common as its
   * rarest word), from the spelling vocabulary; 0 when unknown. Rarer groups weigh more in ranking (IDF).
   */
  documentFrequency: number;
}

/** Documents containing a word (lower case, unaccented), or the most common word a partial word begins. */
export type WordFrequency = (word: string, partial: boolean) => number;

export interface QueryPlan {
  raw: string;
  /** Concrete references to pin first, most specific first: "DCB0129 2.3". */
  pinnedClauses: string[];
  /** Standards named without a clause number; their standard document is pinned when no clause is. */
  standardCodes: string[];
  groups: TermGroup[];
  exclusions: string[];
  /** The query text with clause references and standard codes removed and corrections applied (for engines that take plain text). */
  text: string;
  /** The whole query with spelling corrections applied, when any word was corrected. */
  correctedQuery: string | null;
  corrections: Record<string, string>;
}

/** Lower case without accents or surrounding punctuation: how words are compared. */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/'s$/, '');
}

const STANDARD_CODE = String.raw`(?:dcb|scci|isb)[\s-]*0?(\d{3})|\b0(\d{3})`;
const CLAUSE_WORD = String.raw`(?:clauses?|sections?|requirements?|paragraphs?|para|cl\.?|§)`;
const CLAUSE_NUMBER = String.raw`(\d{1,2}(?:\.\d{1,2}){0,3})`;
const DOTTED_NUMBER = String.raw`(\d{1,2}(?:\.\d{1,2}){1,3})`;

/**
 * Finds clause references and standard codes. `knownStandards` are the codes the hub holds ("DCB0129"); a bare
 * four-digit number such as "0160" only counts as a standard when it is one of them, so a year never does.
 */
export function parseQuery(raw: string, knownStandards: readonly string[]): ParsedQuery {
  const known = new Set(knownStandards.map((c) => c.toUpperCase()));
  let rest = ` ${raw.normalize('NFKC').replace(/\s+/g, ' ')} `;
  const endsWithSpace = /\s$/.test(raw) || raw.length === 0;
  const clauseRefs: ClauseRefQuery[] = [];
  const standardCodes: string[] = [];
  const addRef = (code: string | null, number: string) => {
    const normalised = number.replace(/\.$/, '');
    if (!clauseRefs.some((r) => r.code === code && r.number === normalised)) clauseRefs.push({ code, number: normalised });
  };
  const codeOf = (a?: string, b?: string): string | null => {
    const digits = a ?? b;
    if (!digits) return null;
    const code = `DCB${digits.padStart(4, '0')}`;
    return a !== undefined || known.has(code) ? code : null;
  };

  // "DCB0129 2.3", "dcb 129 clause 3.2.1", "0160 clause 4.1", "DCB0160 section 7"
  rest = rest.replace(new RegExp(String.raw`(?<![\w.])(?:${STANDARD_CODE})\s*(?:${CLAUSE_WORD}\s*)?${CLAUSE_NUMBER}(?![\w.]*\d)`, 'gi'), (match, a, b, number, offset, whole: string) => {
    const code = codeOf(a, b);
    if (!code) return match;
    // A lone digit after a code is only a clause when a clause word says so ("DCB0160 section 7"), not "DCB0129 4 hazards".
    if (!number.includes('.') && !new RegExp(CLAUSE_WORD, 'i').test(match)) return match;
    if (precededByVersion(whole, offset)) return match;
    addRef(code, number);
    return ' ';
  });
  // "clause 4.1", "section 7"
  rest = rest.replace(new RegExp(String.raw`(?<![\w.])${CLAUSE_WORD}\s*${CLAUSE_NUMBER}(?![\w.]*\d)`, 'gi'), (_m, number) => {
    addRef(null, number);
    return ' ';
  });
  // Standard codes left on their own: "DCB0129", "dcb 160", "0160".
  rest = rest.replace(new RegExp(String.raw`(?<![\w.])(?:${STANDARD_CODE})(?![\w.]*\d)`, 'gi'), (match, a, b) => {
    const code = codeOf(a, b);
    if (!code) return match;
    if (!standardCodes.includes(code)) standardCodes.push(code);
    return ' ';
  });
  // Bare dotted numbers: "2.5.1", "4.1" (but not versions such as "v4.2" or "version 4.2").
  rest = rest.replace(new RegExp(String.raw`(?<![\w.])${DOTTED_NUMBER}(?![\w.]*\d)`, 'g'), (match, number, offset, whole: string) => {
    if (precededByVersion(whole, offset)) return match;
    addRef(null, number);
    return ' ';
  });
  // A code named together with code-less clause numbers applies to them: "DCB0129 ... clause 2.3".
  if (standardCodes.length === 1) {
    for (const ref of clauseRefs) if (ref.code === null) ref.code = standardCodes[0];
  }
  const refCodes = new Set(clauseRefs.map((r) => r.code));
  const codesWithoutClause = standardCodes.filter((c) => !refCodes.has(c));

  const phrases: string[] = [];
  rest = rest.replace(/"([^"]*)"?/g, (_m, phrase: string) => {
    const cleaned = phrase.replace(/\s+/g, ' ').trim();
    if (cleaned) phrases.push(cleaned);
    return ' ';
  });

  const exclusions: string[] = [];
  const words: QueryWord[] = [];
  const tokens = rest.split(' ').filter(Boolean);
  tokens.forEach((token, index) => {
    if (/^-[\p{L}\p{N}]/u.test(token)) {
      const excluded = token.slice(1);
      if (normaliseWord(excluded)) exclusions.push(excluded);
      return;
    }
    const text = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const normalised = normaliseWord(text);
    if (!normalised || words.length >= MAX_WORDS) return;
    const isLast = index === tokens.length - 1;
    words.push({ text, normalised, quoted: false, partial: isLast && !endsWithSpace && /^[\p{L}\p{N}]+$/u.test(text) && rawEndsWith(raw, text) });
  });
  return { raw, clauseRefs, standardCodes: codesWithoutClause, words, phrases, exclusions };
}

function precededByVersion(whole: string, offset: number): boolean {
  return /(?:\bv|\bversion\s*|\bver\.?\s*)$/i.test(whole.slice(Math.max(0, offset - 9), offset));
}

function rawEndsWith(raw: string, text: string): boolean {
  return raw.trimStart().endsWith(text);
}

/** Glossary forms (term, expansion, synonyms) keyed by their normalised words, for longest-match lookup. */
export class GlossaryIndex {
  private readonly byForm = new Map<string, GlossaryEntry>();
  readonly words = new Set<string>();

  constructor(readonly entries: readonly GlossaryEntry[]) {
    for (const entry of entries) {
      for (const form of formsOf(entry)) {
        const key = normaliseForm(form);
        if (!key) continue;
        // The first entry to claim a form keeps it: terms are listed before the synonyms of other terms.
        if (!this.byForm.has(key)) this.byForm.set(key, entry);
        for (const word of key.split(' ')) this.words.add(word);
      }
    }
  }

  lookup(words: readonly string[]): GlossaryEntry | undefined {
    const key = words.join(' ');
    return this.byForm.get(key) ?? (key.length > 3 && key.endsWith('s') ? this.byForm.get(key.slice(0, -1)) : undefined);
  }
}

export function formsOf(entry: GlossaryEntry): string[] {
  const forms = [entry.term, entry.expansion, ...entry.synonyms].map((f) => f.trim()).filter(Boolean);
  return [...new Map(forms.map((f) => [normaliseForm(f), f])).values()];
}

function normaliseForm(form: string): string {
  return form.split(/\s+/).map(normaliseWord).filter(Boolean).join(' ');
}

/**
 * Builds the plan from a parsed query: corrections replace misspelt words first, then the longest runs of words
 * that name a glossary term become one group with every form of the term as alternatives (both directions:
 * CSCR finds "clinical safety case report" and the other way round).
 */
export function planQuery(
  parsed: ParsedQuery,
  glossary: GlossaryIndex,
  knownStandards: readonly string[],
  corrections: ReadonlyMap<string, string> = new Map(),
  frequency: WordFrequency = () => 0,
): QueryPlan {
  const groupFrequency = (alternatives: Alternative[]) =>
    Math.max(0, ...alternatives.map((alt) => {
      const words = alt.text.split(/\s+/).map(normaliseWord).filter(Boolean);
      return words.length === 0 ? 0 : Math.min(...words.map((w) => frequency(w, alt.prefix)));
    }));
  const words = parsed.words.map((w) => {
    const corrected = corrections.get(w.normalised);
    return corrected ? { ...w, text: corrected, normalised: corrected, corrected: true } : { ...w, corrected: false };
  });
  const groups: TermGroup[] = [];
  let i = 0;
  while (i < words.length) {
    let matched: { entry: GlossaryEntry; length: number } | undefined;
    for (let length = Math.min(MAX_GLOSSARY_SPAN, words.length - i); length >= 1 && !matched; length -= 1) {
      const span = words.slice(i, i + length);
      const entry = glossary.lookup(span.map((w) => w.normalised));
      if (entry) matched = { entry, length };
    }
    if (matched) {
      const span = words.slice(i, i + matched.length);
      const typed = span.map((w) => w.text).join(' ');
      const forms = formsOf(matched.entry).filter((f) => normaliseForm(f) !== normaliseForm(typed));
      const alternatives = [{ text: typed, prefix: false, typed: true }, ...forms.map((text) => ({ text, prefix: false, typed: false }))];
      groups.push({ label: typed, glossaryTerm: matched.entry.term, alternatives, documentFrequency: groupFrequency(alternatives) });
      i += matched.length;
      continue;
    }
    const word = words[i];
    const original = parsed.words[i];
    const alternatives: Alternative[] = [{ text: word.text, prefix: false, typed: true }];
    if (word.partial) alternatives.push({ text: word.normalised, prefix: true, typed: true });
    if (word.corrected && original.normalised.length > 0) alternatives.push({ text: original.text, prefix: false, typed: true });
    groups.push({ label: word.text, glossaryTerm: null, alternatives, documentFrequency: groupFrequency(alternatives) });
    i += 1;
  }
  for (const phrase of parsed.phrases) {
    const alternatives = [{ text: phrase, prefix: false, typed: true }];
    groups.push({ label: `"${phrase}"`, glossaryTerm: null, alternatives, documentFrequency: groupFrequency(alternatives) });
  }

  const pinnedClauses: string[] = [];
  for (const ref of parsed.clauseRefs) {
    const codes = ref.code ? [ref.code] : knownStandards;
    for (const code of codes) {
      const key = `${code} ${ref.number}`;
      if (!pinnedClauses.includes(key)) pinnedClauses.push(key);
    }
  }

  const usedCorrections: Record<string, string> = {};
  for (const w of parsed.words) {
    const corrected = corrections.get(w.normalised);
    if (corrected) usedCorrections[w.text] = corrected;
  }
  const text = [...words.map((w) => w.text), ...parsed.phrases.map((p) => `"${p}"`)].join(' ');
  const correctedQuery = Object.keys(usedCorrections).length > 0 ? applyCorrections(parsed.raw, usedCorrections) : null;
  return { raw: parsed.raw, pinnedClauses, standardCodes: parsed.standardCodes, groups, exclusions: parsed.exclusions, text, correctedQuery, corrections: usedCorrections };
}

/** Replaces each corrected word in the raw query, keeping everything else as typed. */
function applyCorrections(raw: string, corrections: Record<string, string>): string {
  let out = raw.trim();
  for (const [from, to] of Object.entries(corrections)) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'giu'), to);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words worth checking against the spelling vocabulary: typed letters, not glossary words, not still being typed. */
export function wordsToCheck(parsed: ParsedQuery, glossary: GlossaryIndex): { word: string; partial: boolean }[] {
  return parsed.words
    .filter((w) => /^\p{L}[\p{L}'-]*$/u.test(w.normalised) && w.normalised.length >= 3 && !glossary.words.has(w.normalised))
    .map((w) => ({ word: w.normalised, partial: w.partial }));
}
