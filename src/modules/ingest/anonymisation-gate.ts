import { scanFields, type FieldToScan } from '../anonymisation/detectors.js';
import { formatFieldPath, type Problem } from './front-matter.js';
import type { Corpus, LoadedDocument } from './load-corpus.js';

/** How long the gate computes before letting other work (an ingest's database round trips) continue. */
const SLICE_MS = 20;

/**
 * Runs the anonymisation gate over every text field of every document (front matter and body). A finding is
 * reported by file, line, field and identifier type only: the identifier itself never reaches a log or message.
 * It yields to the event loop every few milliseconds, so an ingest can write while it scans and wait for it
 * before committing: on a large corpus both take seconds, one on this process's CPU, the other mostly the database's.
 */
export async function gateCorpus(corpus: Corpus, alreadyStored: (hash: string) => boolean = () => false): Promise<Problem[]> {
  const documents: LoadedDocument<unknown>[] = [
    ...[corpus.taxonomy, corpus.glossary, corpus.riskMatrix, corpus.competencyFramework].filter((d): d is NonNullable<typeof d> => d !== undefined),
    ...corpus.standards,
    ...corpus.guidance,
    ...corpus.blueprintVersions,
    ...corpus.safetyCases,
    ...corpus.learnings,
    ...corpus.evidence,
    ...corpus.training,
  ];
  // A file whose exact bytes are already stored passed the gate when it was stored: re-scanning an unchanged
  // corpus would make every re-ingest pay for the whole text again.
  const problems: Problem[] = [];
  let sliceStarted = performance.now();
  for (const doc of documents) {
    if (alreadyStored(doc.hash)) continue;
    problems.push(...gateDocument(doc));
    if (performance.now() - sliceStarted > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
  return problems;
}

function gateDocument(doc: LoadedDocument<unknown>): Problem[] {
  const fields: FieldToScan[] = [];
  collectStrings(doc.content, [], (path, text) => {
    // A block scalar's text starts on the line after its key.
    const lineOffset = () => doc.file.lineOf(path) - (text.includes('\n') ? 0 : 1);
    fields.push({ field: formatFieldPath(path), text, lineOffset });
  });
  fields.push({ field: 'body', text: doc.file.body, lineOffset: doc.file.bodyLine - 1 });
  const content = doc.content as { anonymisationAllowances?: { text: string; type: string }[] };
  const allowances = (content.anonymisationAllowances ?? []) as Parameters<typeof scanFields>[1];
  return scanFields(fields, allowances).map((finding) => ({
    file: doc.file.path,
    line: finding.line,
    field: finding.field,
    message: `possible ${finding.type} at column ${finding.column}: remove it, or if it is not an identifier add an anonymisationAllowances entry with a justification`,
  }));
}

function collectStrings(value: unknown, path: (string | number)[], visit: (path: (string | number)[], text: string) => void): void {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) value.forEach((item, i) => collectStrings(item, [...path, i], visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (path.length === 0 && key === 'anonymisationAllowances') continue;
      collectStrings(item, [...path, key], visit);
    }
  }
}
