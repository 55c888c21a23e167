// Measures the detectors against a labelled set: precision and recall per identifier type.
//
// Matching is by overlap: a labelled span is found (a true positive) when a finding of the same type overlaps it,
// and a finding is a false positive when it overlaps no labelled span of its type. Overlap rather than exact
// offsets because "Dr Jo Bell" and "Jo Bell" protect the same person; the gate's job is to stop the identifier,
// not to agree on where a title starts.
import { detectIdentifiers } from './detect.js';
import { IDENTIFIER_TYPES, type Finding, type IdentifierType } from './types.js';

export interface LabelledSpan {
  type: IdentifierType;
  start: number;
  end: number;
}

export interface LabelledExample {
  text: string;
  spans: LabelledSpan[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  /** tp / (tp + fp); 1 when nothing was reported. */
  precision: number;
  /** tp / (tp + fn); 1 when nothing was labelled. */
  recall: number;
}

export interface Evaluation {
  perType: Record<IdentifierType, Score>;
  overall: Score;
}

/** One mistake, for showing what to look at. */
export interface EvaluationError {
  kind: 'missed' | 'spurious';
  type: IdentifierType;
  text: string;
  line: string;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function score(tp: number, fp: number, fn: number): Score {
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

/** Parses a JSONL evaluation set (one `{"text","spans"}` object a line; blank lines ignored). */
export function parseEvaluationSet(jsonl: string): LabelledExample[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const example = JSON.parse(line) as LabelledExample;
      if (typeof example.text !== 'string' || !Array.isArray(example.spans)) throw new Error(`evaluation set line ${index + 1}: expected {"text","spans"}`);
      return example;
    });
}

/** Compares what `detect` finds with the labels, and lists each miss and each spurious finding. */
export function evaluateWithErrors(
  set: LabelledExample[],
  detect: (text: string) => Finding[] = (text) => detectIdentifiers(text),
): Evaluation & { errors: EvaluationError[] } {
  const counts = Object.fromEntries(IDENTIFIER_TYPES.map((type) => [type, { tp: 0, fp: 0, fn: 0 }])) as Record<IdentifierType, { tp: number; fp: number; fn: number }>;
  const errors: EvaluationError[] = [];
  for (const example of set) {
    const findings = detect(example.text);
    for (const span of example.spans) {
      if (findings.some((finding) => finding.type === span.type && overlaps(finding, span))) counts[span.type].tp += 1;
      else {
        counts[span.type].fn += 1;
        errors.push({ kind: 'missed', type: span.type, text: example.text.slice(span.start, span.end), line: example.text });
      }
    }
    for (const finding of findings) {
      if (example.spans.some((span) => span.type === finding.type && overlaps(finding, span))) continue;
      counts[finding.type].fp += 1;
      errors.push({ kind: 'spurious', type: finding.type, text: finding.text, line: example.text });
    }
  }
  const perType = Object.fromEntries(IDENTIFIER_TYPES.map((type) => [type, score(counts[type].tp, counts[type].fp, counts[type].fn)])) as Record<IdentifierType, Score>;
  const total = Object.values(counts).reduce((sum, c) => ({ tp: sum.tp + c.tp, fp: sum.fp + c.fp, fn: sum.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { perType, overall: score(total.tp, total.fp, total.fn), errors };
}

/** Precision and recall per identifier type and overall. */
export function evaluate(set: LabelledExample[], detect?: (text: string) => Finding[]): Evaluation {
  const { perType, overall } = evaluateWithErrors(set, detect);
  return { perType, overall };
}

/** The evaluation as a fixed-width table for terminals and test logs. */
export function formatEvaluationTable(evaluation: Evaluation): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
  const row = (label: string, s: Score) =>
    `${label.padEnd(18)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)} ${percent(s.precision)} ${percent(s.recall)}`;
  return [
    `${'type'.padEnd(18)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)} ${'prec.'.padStart(7)} ${'recall'.padStart(7)}`,
    ...IDENTIFIER_TYPES.map((type) => row(type, evaluation.perType[type])),
    row('overall', evaluation.overall),
  ].join('\n');
}
