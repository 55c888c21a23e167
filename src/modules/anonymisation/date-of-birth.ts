// Dates of birth. Documents are full of dates (publication, review, release, incident), so a date is only
// reported when something says it is a birth date: a label before it ("DOB", "born on"), the person's age
// beside it, or its place in a patient record row next to an NHS number.
import { makeFinding, type Finding } from './types.js';

interface FoundDate {
  start: number;
  end: number;
  /** Candidate four-digit years (two for a two-digit year, which could be 19xx or 20xx). */
  years: number[];
}

const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const MONTH_NUMBERS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
// One pattern per common UK way of writing a date, combined so the text is scanned once.
const DATE_PATTERN = new RegExp(
  [
    // 12/03/1957, 12-03-1957, 12.03.1957, 1/3/57 (the separator repeats)
    String.raw`(?<![\d/.\-])(?<d1>\d{1,2})(?<sep>[/.\-])(?<m1>\d{1,2})\k<sep>(?<y1>\d{4}|\d{2})(?!\d|[/\-]\d|\.\d)`,
    // 1957-03-12, 1957/03/12
    String.raw`(?<![\d/.\-])(?<y2>\d{4})(?<sep2>[\-/])(?<m2>\d{1,2})\k<sep2>(?<d2>\d{1,2})(?!\d|[/\-]\d|\.\d)`,
    // 12 March 1957, 3rd Mar 1957, 12-Mar-1957, 12 Mar 57
    String.raw`(?<!\d)(?<d3>\d{1,2})(?:st|nd|rd|th)?[ \u00a0\-]+(?<m3>${MONTH_NAME})\.?,?[ \u00a0\-]+(?<y3>\d{4}|\d{2})(?!\d)`,
    // March 3, 1957 / March 3rd 1957
    String.raw`\b(?<m4>${MONTH_NAME})\.?[ \u00a0]+(?<d4>\d{1,2})(?:st|nd|rd|th)?,?[ \u00a0]+(?<y4>\d{4})(?!\d)`,
  ].join('|'),
  'gi',
);

function candidateYears(yearText: string): number[] {
  const year = Number(yearText);
  if (yearText.length === 4) return [year];
  return [1900 + year, 2000 + year];
}

function monthNumber(monthText: string): number {
  return /^\d+$/.test(monthText) ? Number(monthText) : (MONTH_NUMBERS[monthText.slice(0, 3).toLowerCase()] ?? 0);
}

export function findDates(text: string): FoundDate[] {
  const dates: FoundDate[] = [];
  for (const match of text.matchAll(DATE_PATTERN)) {
    const groups = match.groups ?? {};
    const day = Number(groups.d1 ?? groups.d2 ?? groups.d3 ?? groups.d4);
    const month = monthNumber(groups.m1 ?? groups.m2 ?? groups.m3 ?? groups.m4 ?? '');
    const yearText = groups.y1 ?? groups.y2 ?? groups.y3 ?? groups.y4 ?? '';
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    const years = candidateYears(yearText).filter((year) => year >= 1880 && year <= 2100);
    if (years.length === 0) continue;
    dates.push({ start: match.index, end: match.index + match[0].length, years });
  }
  return dates;
}

// A birth-date label right before the date, with only punctuation or a couple of linking words between:
// "DOB: ", "D.O.B. ", "date of birth is ", "born on ", "(born ". Far-away labels do not count: in "born on
// 3 May 1950, was discharged on 2 June 2024" only the first date is a date of birth.
const LABEL_BEFORE =
  /(?:\bdob|\bd\.\s?o\.\s?b\.?|\bdate\s+of\s+birth|\bbirth\s*date|\bbirthday|\bborn(?:\s+on)?)\s*[:\-–=(]?\s*(?:(?:is|was|on|of|recorded\s+as|given\s+as|:)\s*)?\(?$/i;
// "12/03/1957 (DOB)", "12/03/1957 - date of birth".
const LABEL_AFTER = /^\s*[(\-–,]?\s*(?:dob|d\.o\.b\.?|date\s+of\s+birth|born)\b/i;
const AGE_BEFORE = /\bage[ds]?\s*:?\s*(\d{1,3})\s*(?:years?|yrs?|y)?(?:\s*old)?\s*[,(:;\-–]?\s*$/i;
const AGE_AFTER = /^\s*[,(;\-–]?\s*(?:aged?\s*:?\s*)?(\d{1,3})\s*(?:years?|yrs?|y)(?:\s*old)?\b|^\s*[,(;\-–]?\s*aged?\s*:?\s*(\d{1,3})\b/i;
// "DOB 12/03/1957 was migrated as 03/12/1957": a second date tied to a date of birth by a correction verb.
const SAME_DATE_LINK =
  /^\s*\)?\s*(?:(?:was|is|were|has\s+been|had\s+been)\s+)?(?:\w+\s+)?(?:as|to|into|instead\s+of|rather\s+than|not|or|vs\.?|versus)\s+\(?$/i;
// A field separator in a record row: "SMITH, John, 943 476 5919, 12/03/1957, LS1 4AP".
const FIELD_SEPARATOR_BEFORE = /(?:^|[,|;\t]|\s{2,})\s*$/;
const FIELD_SEPARATOR_AFTER = /^\s*(?:$|[,|;\t]|\s{2,}|\n)/;

function ageMatchesYear(age: number, years: number[], referenceYear: number): boolean {
  // The date must be old enough to be the birth of someone that age (allowing for documents a few decades old),
  // which rules out "aged 82, admitted on 12/03/2024".
  return years.some((year) => year <= referenceYear - age + 1 && year >= referenceYear - age - 40);
}

function statedAge(text: string, date: FoundDate): number | undefined {
  const before = AGE_BEFORE.exec(text.slice(Math.max(0, date.start - 24), date.start));
  if (before) return Number(before[1]);
  const after = AGE_AFTER.exec(text.slice(date.end, date.end + 24));
  if (after) return Number(after[1] ?? after[2]);
  return undefined;
}

function isRecordFieldBesideNhsNumber(text: string, date: FoundDate, nhsNumberSpans: Array<{ start: number; end: number }>): boolean {
  if (!FIELD_SEPARATOR_BEFORE.test(text.slice(Math.max(0, date.start - 4), date.start))) return false;
  if (!FIELD_SEPARATOR_AFTER.test(text.slice(date.end, date.end + 4))) return false;
  return nhsNumberSpans.some((span) => {
    const gap = span.end <= date.start ? text.slice(span.end, date.start) : span.start >= date.end ? text.slice(date.end, span.start) : '';
    return gap.length > 0 && gap.length <= 4 && /^[\s,|;\t]+$/.test(gap);
  });
}

export interface DateOfBirthOptions {
  /** The year ages are counted from; defaults to the current year. */
  referenceYear?: number;
  /** Spans of NHS numbers already found, for recognising record rows. */
  nhsNumberSpans?: Array<{ start: number; end: number }>;
}

export function detectDatesOfBirth(text: string, options: DateOfBirthOptions = {}): Finding[] {
  const referenceYear = options.referenceYear ?? new Date().getFullYear();
  const nhsNumberSpans = options.nhsNumberSpans ?? [];
  const findings: Finding[] = [];
  let previousBirthDateEnd = -1;
  for (const date of findDates(text)) {
    const before = text.slice(Math.max(0, date.start - 40), date.start);
    const after = text.slice(date.end, date.end + 30);
    let confidence = 0;
    if (LABEL_BEFORE.test(before) || LABEL_AFTER.test(after)) confidence = 0.95;
    else if (previousBirthDateEnd >= 0 && date.start - previousBirthDateEnd <= 40 && SAME_DATE_LINK.test(text.slice(previousBirthDateEnd, date.start))) confidence = 0.8;
    else {
      const age = statedAge(text, date);
      if (age !== undefined && ageMatchesYear(age, date.years, referenceYear)) confidence = 0.85;
      else if (isRecordFieldBesideNhsNumber(text, date, nhsNumberSpans)) confidence = 0.7;
    }
    if (confidence === 0) continue;
    previousBirthDateEnd = date.end;
    findings.push(makeFinding(text, 'DATE_OF_BIRTH', date.start, date.end, confidence));
  }
  return findings;
}
