// UK phone numbers: mobiles (07), geographic (01, 02) and non-geographic 03 numbers, written nationally with a
// leading 0 or internationally with +44 / 0044 and an optional "(0)".
import { contextBeforeMatches } from './context.js';
import { makeFinding, type Finding } from './types.js';

// After the prefix comes the national significant number: ten digits starting 1, 2, 3 or 7, with single spaces,
// hyphens or brackets between digit groups ("(0113) 496 0000", "+44 (0)20 7946 0000", "07700-900000").
// Slashes and dots are not separators so dates ("01/02/2003", "01.02.2003") can never match.
const PHONE_CANDIDATE =
  /(?<![\w+])(?:(?:\+|00) ?44[ -]?(?:\(0\)[ -]?)?\(?|\(?0)([1237])((?:[ \u00a0\-)]{0,2}\(?\d){9})(?!\d)/g;
const PHONE_CONTEXT = /\b(?:tel|telephone|phone|phoned|mobile|mob|call|called|ring|rang|text|sms|contact|number|landline|fax)\b/i;

export function detectPhoneNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const start = match.index;
    const confidence = contextBeforeMatches(text, start, 30, PHONE_CONTEXT) ? 0.97 : 0.9;
    findings.push(makeFinding(text, 'PHONE_NUMBER', start, start + match[0].length, confidence));
  }
  return findings;
}
