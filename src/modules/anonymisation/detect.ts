// Runs every detector over a text, resolves overlaps between their findings, and redacts.
import { detectDatesOfBirth } from './date-of-birth.js';
import { detectEmails } from './email.js';
import { detectLocalPatientIds } from './local-patient-id.js';
import { detectNhsNumbers } from './nhs-number.js';
import { detectNiNumbers } from './ni-number.js';
import { detectPersonNames } from './person-name.js';
import { detectPhoneNumbers } from './phone-number.js';
import { detectPostcodes } from './postcode.js';
import { detectProfessionalIds } from './professional-id.js';
import type { Finding, IdentifierType } from './types.js';

export interface DetectOptions {
  /** Drop findings below this confidence (0..1). Default 0.5, which keeps everything the detectors report. */
  minConfidence?: number;
}

const DEFAULT_MIN_CONFIDENCE = 0.5;

// When two findings of equal confidence overlap, the type with the stricter format wins: a checksum-valid NHS
// number is more telling than a local id label, which is more telling than a capitalised word.
const SPECIFICITY: Record<IdentifierType, number> = {
  NHS_NUMBER: 9,
  NI_NUMBER: 8,
  PROFESSIONAL_ID: 7,
  EMAIL: 6,
  LOCAL_PATIENT_ID: 5,
  PHONE_NUMBER: 4,
  POSTCODE: 3,
  DATE_OF_BIRTH: 2,
  PERSON_NAME: 1,
};

function candidatesIn(text: string): Finding[] {
  const nhsNumbers = detectNhsNumbers(text);
  return [
    ...nhsNumbers,
    ...detectPostcodes(text),
    ...detectPhoneNumbers(text),
    ...detectEmails(text),
    ...detectDatesOfBirth(text, { nhsNumberSpans: nhsNumbers }),
    ...detectPersonNames(text),
    ...detectLocalPatientIds(text),
    ...detectNiNumbers(text),
    ...detectProfessionalIds(text),
  ];
}

const byStart = (a: Finding, b: Finding) => a.start - b.start || b.end - a.end;
const byPreference = (a: Finding, b: Finding) =>
  b.confidence - a.confidence || SPECIFICITY[b.type] - SPECIFICITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start;
const overlaps = (a: Finding, b: Finding) => a.start < b.end && b.start < a.end;

const contains = (outer: Finding, inner: Finding) => outer.start <= inner.start && inner.end <= outer.end;

/**
 * Within one cluster of overlapping findings, keeps the preferred ones. A finding that loses but reaches outside
 * the winner ("943 476 5919@example.com": the e-mail wins, the NHS number starts earlier) makes the winner grow
 * over it: the gate must never leave part of an identifier unredacted because two detectors disagreed.
 */
function resolveCluster(cluster: Finding[], text: string | undefined): Finding[] {
  const kept: Finding[] = [];
  for (const candidate of [...cluster].sort(byPreference)) {
    const touching = kept.filter((finding) => overlaps(finding, candidate));
    if (touching.length === 0) {
      kept.push({ ...candidate });
      continue;
    }
    if (touching.some((finding) => contains(finding, candidate))) continue;
    const grower = touching[0]!;
    grower.start = Math.min(grower.start, candidate.start);
    grower.end = Math.max(grower.end, candidate.end);
    // Growing may reach other kept findings; absorb them until nothing overlaps the grown one.
    for (let absorbed = true; absorbed; ) {
      absorbed = false;
      for (let index = kept.length - 1; index >= 0; index -= 1) {
        const other = kept[index]!;
        if (other === grower || !overlaps(other, grower)) continue;
        grower.start = Math.min(grower.start, other.start);
        grower.end = Math.max(grower.end, other.end);
        kept.splice(index, 1);
        absorbed = true;
      }
    }
    if (text !== undefined) grower.text = text.slice(grower.start, grower.end);
  }
  return kept.sort(byStart);
}

/**
 * Resolves overlapping findings to one: the most confident, then the most specific type, then the longest, grown
 * where needed to cover what the others covered (see resolveCluster). Works cluster by cluster (maximal groups
 * of transitively overlapping findings) so the cost stays linear in the number of findings. Pass the scanned
 * `text` so that grown findings get their text updated.
 */
export function resolveOverlaps(findings: Finding[], text?: string): Finding[] {
  const sorted = [...findings].sort(byStart);
  const resolved: Finding[] = [];
  let cluster: Finding[] = [];
  let clusterEnd = -1;
  for (const finding of sorted) {
    if (cluster.length > 0 && finding.start >= clusterEnd) {
      resolved.push(...resolveCluster(cluster, text));
      cluster = [];
    }
    cluster.push(finding);
    clusterEnd = cluster.length === 1 ? finding.end : Math.max(clusterEnd, finding.end);
  }
  if (cluster.length > 0) resolved.push(...resolveCluster(cluster, text));
  return resolved;
}

/** Every identifier in `text`, sorted by start, with overlapping findings resolved to one. */
export function detectIdentifiers(text: string, options: DetectOptions = {}): Finding[] {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  return resolveOverlaps(candidatesIn(text).filter((finding) => finding.confidence >= minConfidence), text);
}

/**
 * `text` with every finding replaced by its type in brackets ("[NHS_NUMBER]"). Uses `findings` when given
 * (overlapping ones are skipped after the first), otherwise detects them.
 */
export function redact(text: string, findings: Finding[] = detectIdentifiers(text)): string {
  let redacted = '';
  let position = 0;
  for (const finding of [...findings].sort(byStart)) {
    if (finding.start < position) continue;
    redacted += text.slice(position, finding.start) + `[${finding.type}]`;
    position = finding.end;
  }
  return redacted + text.slice(position);
}
