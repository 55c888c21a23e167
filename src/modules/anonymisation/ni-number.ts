// National Insurance numbers: two prefix letters, six digits, a suffix letter A-D ("QQ 12 34 56 C" style).
import { contextBeforeMatches } from './context.js';
import { makeFinding, type Finding } from './types.js';

// HMRC never issues D, F, I, Q, U or V as either prefix letter, nor O as the second; these pairs are not used.
const FIRST_PREFIX_LETTER = '[A-CEGHJ-PR-TW-Z]';
const SECOND_PREFIX_LETTER = '[A-CEGHJ-NPR-TW-Z]';
const UNUSED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NI_CANDIDATE = new RegExp(
  `(?<![A-Za-z0-9])(${FIRST_PREFIX_LETTER}${SECOND_PREFIX_LETTER}) ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![A-Za-z0-9])`,
  'gi',
);
const NI_CONTEXT = /national\s+insurance|\bni\b|\bnino\b|\bn\.i\./i;

export function detectNiNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(NI_CANDIDATE)) {
    const whole = match[0];
    if (UNUSED_PREFIXES.has(match[1]!.toUpperCase())) continue;
    const start = match.index;
    const hasContext = contextBeforeMatches(text, start, 40, NI_CONTEXT);
    // NI numbers are written in capitals; other casings are only taken when the label says what they are.
    if (whole !== whole.toUpperCase() && !hasContext) continue;
    findings.push(makeFinding(text, 'NI_NUMBER', start, start + whole.length, hasContext ? 0.97 : 0.88));
  }
  return findings;
}
