// People's names. A capitalised word is not evidence of a name on its own (safety documents capitalise every
// role, committee and document), so a run of capitalised words is only reported when something marks it as a
// person: a title before it ("Mrs Patel"), a cue before it ("reported by", "midwife", "Name:"), a cue after it
// ("... reported that", ", pharmacist", "(CSO)"), or a place in a list that started with a name. Patient-system
// style "SMITH, John" is recognised by its shape.
import { LEADING_CUES, LONGEST_CUE_WORDS, NOT_SURNAMES, ORGANISATION_SUFFIX, STOP_WORDS, TITLES, TRAILING_CUE, type CueKind } from './name-vocabulary.js';
import { makeFinding, type Finding } from './types.js';

// A word of a name: "Smith", "O'Brien", "McAllister", "MacLeod", "Smith-Jones", "D'Souza", "Wiśniewska".
const NAME_WORD = String.raw`(?:Mc|Mac|O['’]|D['’]|Fitz)?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}\p{Ll}+)*`;
// An initial ("J.", or "J" before another capitalised word) or a title with its dot ("Dr.").
const INITIAL = String.raw`\p{Lu}\.|\p{Lu}(?=[ \u00a0]\p{Lu})`;
const TITLE_WITH_DOT = String.raw`(?:Mr|Mrs|Ms|Mx|Dr|Prof|Revd?|Sr|St)\.`;
const TOKEN = `(?:${TITLE_WITH_DOT}|${NAME_WORD}|${INITIAL})`;
// Lower-case particles inside a surname: "van der Berg", "da Silva", "al-Hassan".
const PARTICLE = String.raw`(?:(?:van|von|de|del|della|da|di|du|le|la|bin|binti|ibn|ter|ten)(?:[ \u00a0](?:der|den|la|los))?[ \u00a0]|(?:al|el)-)`;
// A run of capitalised tokens separated by single spaces. Two spaces, a line break or punctuation end the run,
// which keeps "Dr Thompson   Named nurse" from becoming one name.
const CAPITALISED_RUN = new RegExp(String.raw`(?<![\p{L}\p{N}'’.@_\-])${TOKEN}(?:[ \u00a0]${PARTICLE}?${TOKEN}){0,5}(?![\p{L}\p{N}_@])`, 'gu');
// "SMITH, John" / "O'BRIEN, Mary Jane" as patient administration systems print names. Not after another upper-case
// word: "HAZARD LOG, Version 2" is a heading.
const SURNAME_FIRST = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’]|\p{Lu}[ \u00a0])(\p{Lu}{2,}(?:['’\-]\p{Lu}+)*|\p{Lu}['’]\p{Lu}{2,}),[ \u00a0]?(${NAME_WORD}(?:[ \u00a0]${NAME_WORD})?)(?![\p{L}\p{N}])`,
  'gu',
);
// Months that are also first names: after a title they are names ("Mrs May"), elsewhere usually dates.
const NAMES_THAT_ARE_ALSO_STOP_WORDS = new Set(['may', 'june', 'april', 'august']);

const CONFIDENCE = {
  title: 0.9,
  surnameFirst: 0.8,
  leadingCue: 0.8,
  leadingRoleCue: 0.75,
  trailingCue: 0.75,
  listContinuation: 0.7,
  singleWordPenalty: 0.1,
} as const;

interface Token {
  text: string;
  start: number;
  end: number;
  /** Lower case, without a trailing dot or a leading particle: what the word lists are keyed on. */
  key: string;
  isTitle: boolean;
  isInitial: boolean;
  isStopWord: boolean;
}

function makeToken(text: string, start: number): Token {
  const withoutDot = text.endsWith('.') ? text.slice(0, -1) : text;
  const lastBreak = Math.max(withoutDot.lastIndexOf(' '), withoutDot.lastIndexOf('\u00a0'), withoutDot.lastIndexOf('-'));
  const key = (lastBreak === -1 ? withoutDot : withoutDot.slice(lastBreak + 1)).toLowerCase();
  const isInitial = withoutDot.length === 1;
  return {
    text,
    start,
    end: start + text.length,
    key,
    isTitle: TITLES.has(withoutDot),
    isInitial,
    // "A." is an initial; a bare "A" or "I" is more likely the article or pronoun starting a sentence.
    isStopWord: !(isInitial && text.length === 2) && STOP_WORDS.has(key),
  };
}

const isTitle = (token: Token) => token.isTitle;
const isInitial = (token: Token) => token.isInitial;
const isStopWord = (token: Token) => token.isStopWord;
const startsLowerCase = (word: string) => word.length > 0 && word[0] !== word[0]!.toUpperCase();

/**
 * The tokens of a run. Tokens are separated by single spaces; lower-case words are surname particles and belong
 * to the token after them ("van der Berg"). Splitting is much cheaper than re-matching the token pattern.
 */
function tokensOf(run: string, runStart: number): Token[] {
  const tokens: Token[] = [];
  let particleStart = -1;
  let position = 0;
  for (const chunk of run.split(/[ \u00a0]/)) {
    if (startsLowerCase(chunk)) {
      if (particleStart === -1) particleStart = position;
    } else {
      const start = particleStart === -1 ? position : particleStart;
      tokens.push(makeToken(run.slice(start, position + chunk.length), runStart + start));
      particleStart = -1;
    }
    position += chunk.length + 1;
  }
  return tokens;
}

/** Splits a run before every title, so "Dear Dr Wilson" yields "Dear" and "Dr Wilson". */
function splitAtTitles(tokens: Token[]): Token[][] {
  const segments: Token[][] = [];
  for (const token of tokens) {
    // Consecutive titles stay together: "Professor Sir Bruce Banner".
    const afterTitlesOnly = segments.length > 0 && segments.at(-1)!.every(isTitle);
    if (segments.length === 0 || (isTitle(token) && !afterTitlesOnly)) segments.push([token]);
    else segments.at(-1)!.push(token);
  }
  return segments;
}

interface NameCandidate {
  /** Where the reported span starts: at the title when there is one. */
  start: number;
  /** Where the name itself starts (after any title), for looking at the words before it. */
  nameStart: number;
  end: number;
  wordCount: number;
  titled: boolean;
}

/**
 * The name inside one segment of a run, or nothing. Leading stop words are dropped ("Yesterday Jo Bell"); a
 * stop word after the name means the run is an organisation or place ("Oakfield Group Practice"), which only a
 * title overrides ("Dr Patel Clinical Lead" still names Dr Patel).
 */
function nameInSegment(segment: Token[]): NameCandidate | undefined {
  let index = 0;
  const titled = isTitle(segment[0]!);
  if (titled) while (index < segment.length && isTitle(segment[index]!)) index += 1;
  else while (index < segment.length && isStopWord(segment[index]!)) index += 1;
  const nameTokens: Token[] = [];
  while (index < segment.length) {
    const token = segment[index]!;
    const allowedAfterTitle = titled && nameTokens.length === 0 && NAMES_THAT_ARE_ALSO_STOP_WORDS.has(token.key);
    if (isStopWord(token) && !allowedAfterTitle) break;
    nameTokens.push(token);
    index += 1;
  }
  const endsInsideRun = index < segment.length;
  if (nameTokens.length === 0 || (endsInsideRun && !titled)) return undefined;
  // Initials alone ("J. K.") are not a name; the last token must be a word.
  if (isInitial(nameTokens.at(-1)!)) {
    while (nameTokens.length > 0 && isInitial(nameTokens.at(-1)!)) nameTokens.pop();
    if (nameTokens.length === 0 || !titled) return undefined;
  }
  return {
    start: titled ? segment[0]!.start : nameTokens[0]!.start,
    nameStart: nameTokens[0]!.start,
    end: nameTokens.at(-1)!.end,
    wordCount: nameTokens.length,
    titled,
  };
}

// Character tests by code rather than by regular expression: they run around every capitalised word.
const isHorizontalSpace = (code: number) => code === 32 || code === 9 || code === 0xa0;
const isSpace = (code: number) => isHorizontalSpace(code) || code === 10 || code === 13;
const isWordCharacter = (code: number) =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 48 && code <= 57) ||
  code === 39 || // '
  code === 45 || // -
  code === 0x2019 || // ’
  (code >= 0xc0 && code < 0x2000); // accented and non-Latin letters
const CUE_PUNCTUATION = new Set([':', ',', '-', '–', '(']);

/**
 * The cue, if any, in the few words before `offset`: "reported by ", "Name: ", "midwife ", "Kind regards,\n".
 * Field labels count only with their colon, so "from Leeds" is not "From: Jo Bell".
 */
export function leadingCueBefore(text: string, offset: number): CueKind | undefined {
  let index = offset;
  // A cue on the line above belongs to a different field ("Officer\nMobile:"), except a sign-off or a label.
  let crossesLine = false;
  while (index > 0 && isSpace(text.charCodeAt(index - 1))) {
    if (text.charCodeAt(index - 1) === 10) crossesLine = true;
    index -= 1;
  }
  let punctuation = '';
  if (index > 0 && CUE_PUNCTUATION.has(text[index - 1]!)) {
    punctuation = text[index - 1]!;
    index -= 1;
    while (index > 0 && isHorizontalSpace(text.charCodeAt(index - 1))) index -= 1;
  }
  const words: string[] = [];
  while (words.length < LONGEST_CUE_WORDS) {
    const wordEnd = index;
    while (index > 0 && isWordCharacter(text.charCodeAt(index - 1))) index -= 1;
    if (index === wordEnd) break;
    words.unshift(text.slice(index, wordEnd).toLowerCase());
    if (index > 0 && isHorizontalSpace(text.charCodeAt(index - 1))) index -= 1;
    else break;
  }
  for (let count = words.length; count >= 1; count -= 1) {
    const kind = LEADING_CUES.get(words.slice(words.length - count).join(' '));
    if (kind === undefined) continue;
    if (crossesLine && kind !== 'salutation' && kind !== 'field') continue;
    if (kind === 'field' && punctuation !== ':') continue;
    if (kind === 'verb' && punctuation !== '' && punctuation !== ':') continue;
    return kind;
  }
  return undefined;
}

function hasTrailingCue(text: string, offset: number): boolean {
  TRAILING_CUE.lastIndex = offset;
  return TRAILING_CUE.test(text);
}

// "Jo Bell, Sam Reid and Ann Lee": once a list starts with a name, its later items are names too.
const LIST_SEPARATOR = /^(?:\s*[,;&]\s*|\s+and\s+|\s*,\s*and\s+)$/;

function confidenceOf(text: string, candidate: NameCandidate, previousNameEnd: number): number | undefined {
  const singleWordPenalty = candidate.wordCount === 1 ? CONFIDENCE.singleWordPenalty : 0;
  if (candidate.titled) return CONFIDENCE.title;
  if (ORGANISATION_SUFFIX.test(text.slice(candidate.end, candidate.end + 8))) return undefined;
  const cue = leadingCueBefore(text, candidate.nameStart);
  if (cue !== undefined) {
    // "..., Clinical Safety Officer, Southhaven": one capitalised word after a job title and a comma is more
    // often the employer than the person.
    if (cue === 'role' && candidate.wordCount === 1 && /[,(\-–]\s*$/.test(text.slice(Math.max(0, candidate.nameStart - 4), candidate.nameStart))) return undefined;
    // "call Text Relay", "results for Leeds": a single word after these is more often a service or a place.
    if ((cue === 'contact' || cue === 'record') && candidate.wordCount === 1) return undefined;
    return (cue === 'role' ? CONFIDENCE.leadingRoleCue : CONFIDENCE.leadingCue) - singleWordPenalty;
  }
  if (candidate.wordCount < 2) return undefined;
  if (hasTrailingCue(text, candidate.end)) return CONFIDENCE.trailingCue;
  if (previousNameEnd >= 0 && LIST_SEPARATOR.test(text.slice(previousNameEnd, candidate.start))) return CONFIDENCE.listContinuation;
  return undefined;
}

function detectSurnameFirstNames(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(SURNAME_FIRST)) {
    const surname = match[1]!;
    const forenames = match[2]!.split(/[ \u00a0]/);
    if (NOT_SURNAMES.has(surname) || STOP_WORDS.has(surname.toLowerCase())) continue;
    if (forenames.some((word) => STOP_WORDS.has(word.toLowerCase()))) continue;
    findings.push(makeFinding(text, 'PERSON_NAME', match.index, match.index + match[0].length, CONFIDENCE.surnameFirst));
  }
  return findings;
}

export function detectPersonNames(text: string): Finding[] {
  const findings: Finding[] = [];
  let previousNameEnd = -1;
  for (const run of text.matchAll(CAPITALISED_RUN)) {
    for (const segment of splitAtTitles(tokensOf(run[0], run.index))) {
      const candidate = nameInSegment(segment);
      if (candidate === undefined) continue;
      const confidence = confidenceOf(text, candidate, previousNameEnd);
      if (confidence === undefined) continue;
      previousNameEnd = candidate.end;
      findings.push(makeFinding(text, 'PERSON_NAME', candidate.start, candidate.end, confidence));
    }
  }
  return [...findings, ...detectSurnameFirstNames(text)];
}
