// Professional registration numbers: GMC (doctors, 7 digits), NMC PIN (nurses and midwives, 12A3456B),
// GPhC (pharmacy, 7 digits) and HCPC (allied health professions, two letters and 5-6 digits).
import { contextBeforeMatches } from './context.js';
import { makeFinding, type Finding } from './types.js';

// The label and the words that may sit between it and the number: "GMC No. ", "GMC registration number: ".
const LABEL_FILLER = String.raw`(?:\s*(?:reg(?:istration|istered)?\.?|ref(?:erence)?\.?|no\.?|number|num\.?|pin|code|id|#))*\s*[:#=.\-–]?\s*(?:is\s+)?`;
// Seven-digit registers need their label: a bare seven-digit number is far more often something else.
const GMC_NUMBER = new RegExp(String.raw`\bGMC\b${LABEL_FILLER}(\d{7})(?!\d)`, 'gi');
const GPHC_NUMBER = new RegExp(String.raw`\bGPhC\b${LABEL_FILLER}(\d{7})(?!\d)`, 'gi');
const HCPC_NUMBER = new RegExp(String.raw`\bHCPC\b${LABEL_FILLER}((?:AS|BS|CH|CS|DT|HAD|OP|OR|OT|PA|PH|PYL|RA|SL|ST)\s?\d{5,6})(?!\d)`, 'gi');
// "1234567 (GMC)": the label after the number.
const GMC_NUMBER_LABEL_AFTER = /(?<!\d)(\d{7})\s*\((?:GMC|GPhC)\)/gi;
// The NMC PIN shape is distinctive enough to report without a label.
const NMC_PIN = /(?<![A-Za-z0-9])\d{2}[A-Z]\d{4}[A-Z](?![A-Za-z0-9])/g;
const NMC_CONTEXT = /\bnmc\b|\bpin\b|\bnurse|\bmidwi|\brn\b|\brgn\b|\brmn\b/i;

function labelledNumbers(text: string, pattern: RegExp, confidence: number): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(pattern)) {
    const number = match[1]!;
    // The number is the last thing the pattern matched, unless a trailing label follows it.
    const start = match.index + match[0].lastIndexOf(number);
    findings.push(makeFinding(text, 'PROFESSIONAL_ID', start, start + number.length, confidence));
  }
  return findings;
}

export function detectProfessionalIds(text: string): Finding[] {
  const findings = [
    ...labelledNumbers(text, GMC_NUMBER, 0.97),
    ...labelledNumbers(text, GPHC_NUMBER, 0.95),
    ...labelledNumbers(text, HCPC_NUMBER, 0.95),
    ...labelledNumbers(text, GMC_NUMBER_LABEL_AFTER, 0.95),
  ];
  for (const match of text.matchAll(NMC_PIN)) {
    const start = match.index;
    const confidence = contextBeforeMatches(text, start, 40, NMC_CONTEXT) ? 0.97 : 0.85;
    findings.push(makeFinding(text, 'PROFESSIONAL_ID', start, start + match[0].length, confidence));
  }
  return findings;
}
