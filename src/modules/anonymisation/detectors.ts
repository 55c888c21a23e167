// The anonymisation gate's detector library: finds identifiers of patients and staff in free text.
//
// Each identifier type has its own small detector module (nhs-number.ts, postcode.ts, person-name.ts, ...);
// detect.ts runs them all and resolves overlaps; scan-fields.ts is the view ingest uses. Everything is pure and
// dependency-free, so ingest, the CLI, the evaluation and the tests share one implementation. This file is the
// public entry point.
export { detectIdentifiers, redact, resolveOverlaps, type DetectOptions } from './detect.js';
export { IDENTIFIER_TYPES, type Finding, type IdentifierType } from './types.js';
export { isValidNhsNumber, nhsCheckDigit } from './nhs-number.js';
export { lineAndColumn, createLineLocator, type LineAndColumn } from './text-position.js';
export { scanFields, type FieldToScan, type Allowance, type FieldFinding } from './scan-fields.js';
