// The gate as ingest uses it: scans named text fields and reports where identifiers are, never what they are,
// so that nothing downstream (logs, error messages, CI output) can leak the identifier it was meant to stop.
import { detectIdentifiers } from './detect.js';
import { createLineLocator } from './text-position.js';
import type { IdentifierType } from './types.js';

export interface FieldToScan {
  /** The field's name as the author knows it, e.g. "summary" or "hazards[3].description". */
  field: string;
  text: string;
  /**
   * Lines before this field's text in its file, so reported lines are file lines. Default 0. A function is
   * called only when the field has a finding: working out a field's line can cost more than scanning it.
   */
  lineOffset?: number | (() => number);
}

/** A known false positive an author has justified, e.g. `{ text: 'Mr Men', type: 'PERSON_NAME' }`. */
export interface Allowance {
  text: string;
  type: IdentifierType;
}

export interface FieldFinding {
  field: string;
  type: IdentifierType;
  line: number;
  column: number;
}

// Allowances are matched on the exact text, ignoring only differences in whitespace (a line wrap in the
// document should not turn an allowed phrase back into a finding).
const normaliseWhitespace = (text: string) => text.replace(/\s+/g, ' ').trim();

export function scanFields(fields: FieldToScan[], allowances: Allowance[] = []): FieldFinding[] {
  const allowed = new Set(allowances.map((allowance) => `${allowance.type}\u0000${normaliseWhitespace(allowance.text)}`));
  const results: FieldFinding[] = [];
  for (const { field, text, lineOffset = 0 } of fields) {
    const locate = createLineLocator(text);
    for (const finding of detectIdentifiers(text)) {
      if (allowed.has(`${finding.type}\u0000${normaliseWhitespace(finding.text)}`)) continue;
      const { line, column } = locate(finding.start);
      results.push({ field, type: finding.type, line: line + (typeof lineOffset === 'function' ? lineOffset() : lineOffset), column });
    }
  }
  return results;
}
