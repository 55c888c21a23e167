// Measures the gate against the labelled evaluation set and holds it to the floors the issue sets.
// DCS_EVAL_ERRORS=1 also prints every miss and spurious finding.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateWithErrors, formatEvaluationTable, parseEvaluationSet } from '../../src/modules/anonymisation/evaluate.js';
import { IDENTIFIER_TYPES, type Finding } from '../../src/modules/anonymisation/types.js';

const setUrl = new URL('../fixtures/anonymisation/eval-set.jsonl', import.meta.url);
const set = parseEvaluationSet(readFileSync(setUrl, 'utf8'));
const evaluation = evaluateWithErrors(set);

describe('anonymisation evaluation set', () => {
  it('is big enough to mean something: 300+ spans, 25+ per type, 80+ decoy lines', () => {
    const spans = set.flatMap((example) => example.spans);
    expect(spans.length).toBeGreaterThanOrEqual(300);
    for (const type of IDENTIFIER_TYPES) expect(spans.filter((span) => span.type === type).length, type).toBeGreaterThanOrEqual(25);
    expect(set.filter((example) => example.spans.length === 0).length).toBeGreaterThanOrEqual(80);
  });

  it('has spans that lie inside their text', () => {
    for (const example of set) {
      for (const span of example.spans) {
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(example.text.length);
        expect(span.end).toBeGreaterThan(span.start);
      }
    }
  });

  it('is exactly what the seeded generator produces, so it can be reviewed as code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcs-eval-set-'));
    try {
      const out = join(dir, 'eval-set.jsonl');
      const script = fileURLToPath(new URL('../../scripts/make-anonymisation-eval-set.mjs', import.meta.url));
      execFileSync(process.execPath, [script, '--out', out], { stdio: 'pipe' });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(setUrl, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('meets the precision and recall floors', () => {
    console.log(`\nAnonymisation gate on ${set.length} lines:\n${formatEvaluationTable(evaluation)}\n`);
    if (process.env.DCS_EVAL_ERRORS) {
      for (const error of evaluation.errors) console.log(`${error.kind.padEnd(8)} ${error.type.padEnd(16)} ${JSON.stringify(error.text)}  <-  ${JSON.stringify(error.line)}`);
    }
    const { perType, overall } = evaluation;
    for (const type of ['NHS_NUMBER', 'EMAIL', 'PHONE_NUMBER', 'POSTCODE'] as const) expect(perType[type].recall, type).toBe(1);
    for (const type of ['PERSON_NAME', 'DATE_OF_BIRTH', 'LOCAL_PATIENT_ID', 'NI_NUMBER', 'PROFESSIONAL_ID'] as const) {
      expect(perType[type].recall, type).toBeGreaterThanOrEqual(0.95);
    }
    expect(overall.precision).toBeGreaterThanOrEqual(0.95);
  });
});

describe('evaluate', () => {
  const example = {
    text: 'Jo Bell on 07700 900123 at LS1 4AP',
    spans: [
      { type: 'PERSON_NAME' as const, start: 0, end: 7 },
      { type: 'PHONE_NUMBER' as const, start: 11, end: 23 },
      { type: 'POSTCODE' as const, start: 27, end: 34 },
    ],
  };
  const finding = (type: Finding['type'], start: number, end: number): Finding => ({ type, start, end, text: example.text.slice(start, end), confidence: 1 });

  it('counts a same-type overlap as a true positive, a wrong type as both a false positive and a miss', () => {
    const evaluation = evaluate([example], () => [finding('PERSON_NAME', 3, 7), finding('PHONE_NUMBER', 11, 23), finding('EMAIL', 27, 34)]);
    expect(evaluation.perType.PERSON_NAME).toEqual({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1 });
    expect(evaluation.perType.POSTCODE).toEqual({ tp: 0, fp: 0, fn: 1, precision: 1, recall: 0 });
    expect(evaluation.perType.EMAIL).toEqual({ tp: 0, fp: 1, fn: 0, precision: 0, recall: 1 });
    expect(evaluation.overall).toEqual({ tp: 2, fp: 1, fn: 1, precision: 2 / 3, recall: 2 / 3 });
  });

  it('formats a table with a row per type and an overall row', () => {
    const table = formatEvaluationTable(evaluate([example], () => example.spans.map((span) => finding(span.type, span.start, span.end))));
    expect(table.split('\n')).toHaveLength(IDENTIFIER_TYPES.length + 2);
    expect(table).toMatch(/^overall\s+3\s+0\s+0\s+100\.0%\s+100\.0%$/m);
  });
});
