// Local patient identifiers (hospital numbers, MRNs, unit numbers, PAS ids). Their formats differ by trust, so
// they are only recognisable by the label in front of them.
import { makeFinding, type Finding } from './types.js';

const LOCAL_ID_LABEL = [
  String.raw`mrn`,
  String.raw`hospital\s+(?:number|no\.?|num(?:ber)?\.?|id)`,
  String.raw`hosp\.?\s*(?:no|number|num)\.?`,
  String.raw`unit\s+(?:number|no\.?)`,
  String.raw`patient\s+(?:id|identifier|number|no\.?|ref(?:erence)?)`,
  String.raw`pas\s+(?:number|no\.?|id)`,
  String.raw`case\s*-?\s*note\s+(?:number|no\.?)`,
  String.raw`local\s+(?:patient\s+)?(?:id|identifier|number)`,
  String.raw`medical\s+record\s+(?:number|no\.?)`,
  String.raw`rtx\s+(?:number|no\.?)`,
  String.raw`crn`,
].join('|');
// The label, optional punctuation or "is/was", then the id: letters, digits, hyphens or slashes.
const LOCAL_ID_CANDIDATE = new RegExp(
  String.raw`\b(?:${LOCAL_ID_LABEL})\b\.?\s*(?:[:#=]\s*|(?:is|was|of)\s+)?(?:#\s*)?([A-Za-z0-9][A-Za-z0-9\-/]{3,19})`,
  'gi',
);
const MIN_DIGITS = 4;

function looksLikeAnIdentifier(candidate: string): boolean {
  const digitCount = candidate.replace(/\D/g, '').length;
  return digitCount >= MIN_DIGITS && digitCount >= candidate.length / 2 - 1;
}

export function detectLocalPatientIds(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(LOCAL_ID_CANDIDATE)) {
    const id = match[1]!.replace(/[-/]+$/, '');
    if (!looksLikeAnIdentifier(id)) continue;
    const start = match.index + match[0].length - match[1]!.length;
    // "Patient number" is vaguer than "MRN" or "hospital number": a real NHS number written after it should win.
    const confidence = /^patient/i.test(match[0]) ? 0.85 : 0.95;
    findings.push(makeFinding(text, 'LOCAL_PATIENT_ID', start, start + id.length, confidence));
  }
  return findings;
}
