// The gate runs over every text field of every document at ingest, so it has to be fast. The target is the
// whole bundled corpus (about 1 MB of text) in well under a second; this test uses 1 MB of the evaluation set,
// which is far denser in identifiers and near-misses than real content. It measures CPU time rather than wall
// time, so a busy machine running other suites in parallel does not make it flaky, and still allows headroom.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectIdentifiers } from '../../src/modules/anonymisation/detectors.js';
import { parseEvaluationSet } from '../../src/modules/anonymisation/evaluate.js';

const lines = parseEvaluationSet(readFileSync(new URL('../fixtures/anonymisation/eval-set.jsonl', import.meta.url), 'utf8')).map((example) => example.text);

function documentsOfTotalSize(bytes: number): string[] {
  const documents: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index += 20) {
    // ~20 lines a document, like a short guidance article or safety case section.
    const document = Array.from({ length: 20 }, (_, offset) => lines[(index + offset) % lines.length]).join('\n\n');
    documents.push(document);
    size += document.length;
  }
  return documents;
}

describe('anonymisation gate performance', () => {
  it('scans 1 MB of identifier-dense text in well under the budget', () => {
    const documents = documentsOfTotalSize(1_000_000);
    detectIdentifiers(documents[0]!); // warm up the regular expressions
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let findings = 0;
    for (const document of documents) findings += detectIdentifiers(document).length;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = performance.now() - started;
    console.log(`scanned ${documents.length} documents (1 MB): ${cpuMs.toFixed(0)} ms CPU, ${wallMs.toFixed(0)} ms wall, ${findings} findings`);
    expect(cpuMs).toBeLessThan(1500);
  });

  it('stays linear on pathological input (long runs of capitals, digits and @)', () => {
    const nasty = ['A'.repeat(200_000), '9'.repeat(200_000), '@'.repeat(100_000), 'Mr '.repeat(50_000), 'a.'.repeat(100_000)].join(' ');
    const cpuBefore = process.cpuUsage();
    detectIdentifiers(nasty);
    const cpu = process.cpuUsage(cpuBefore);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1500);
  });
});
