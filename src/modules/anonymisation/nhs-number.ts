// NHS numbers: ten digits, usually written 3-3-4, whose last digit is a Modulus 11 check digit.
import { contextBeforeMatches } from './context.js';
import { makeFinding, type Finding } from './types.js';

/**
 * The Modulus 11 check digit for the first nine digits, or `undefined` when no valid NHS number can start with
 * them (the computed check is 10).
 */
export function nhsCheckDigit(firstNineDigits: string): number | undefined {
  if (!/^\d{9}$/.test(firstNineDigits)) return undefined;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(firstNineDigits[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/**
 * Whether `digits` is a valid NHS number: ten digits (spaces and hyphens between them are ignored) whose last
 * digit equals the Modulus 11 check digit of the first nine.
 */
export function isValidNhsNumber(digits: string): boolean {
  const compact = digits.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(compact)) return false;
  return nhsCheckDigit(compact.slice(0, 9)) === Number(compact[9]);
}

// Ten digits, either run together or grouped 3-3-4 with the same separator twice. Digits either side would make
// it part of a longer number (a phone number, an order reference), so they rule the match out.
const NHS_NUMBER_CANDIDATE = /(?<!\d)\d{3}([ -]?)\d{3}\1\d{4}(?!\d)/g;
// "NHS no", "NHS number", "NHS:" just before the number is near certainty; "patient" nearby makes it likelier.
const NHS_CONTEXT = /\bnhs\b/i;
const PATIENT_CONTEXT = /\bpatient|\bpt\b|\bspine\b|\btrace\b/i;

// Without context a checksum-valid ten-digit number is still reported: one in eleven random numbers passes, but
// an NHS number with no label is exactly what leaks, so the gate errs on the side of flagging.
const CONFIDENCE_NO_CONTEXT = 0.8;
const CONFIDENCE_PATIENT_CONTEXT = 0.9;
const CONFIDENCE_NHS_CONTEXT = 0.98;

export function detectNhsNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(NHS_NUMBER_CANDIDATE)) {
    if (!isValidNhsNumber(match[0])) continue;
    const start = match.index;
    const confidence = contextBeforeMatches(text, start, 24, NHS_CONTEXT)
      ? CONFIDENCE_NHS_CONTEXT
      : contextBeforeMatches(text, start, 40, PATIENT_CONTEXT)
        ? CONFIDENCE_PATIENT_CONTEXT
        : CONFIDENCE_NO_CONTEXT;
    findings.push(makeFinding(text, 'NHS_NUMBER', start, start + match[0].length, confidence));
  }
  return findings;
}
