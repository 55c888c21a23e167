// Shared types of the anonymisation gate. Kept apart from the detectors so that callers that only need the
// shapes (ingest, the CLI, the evaluation) do not pull in any detection logic.

export const IDENTIFIER_TYPES = [
  'NHS_NUMBER',
  'POSTCODE',
  'PHONE_NUMBER',
  'EMAIL',
  'DATE_OF_BIRTH',
  'PERSON_NAME',
  'LOCAL_PATIENT_ID',
  'NI_NUMBER',
  'PROFESSIONAL_ID',
] as const;

export type IdentifierType =
  | 'NHS_NUMBER'
  | 'POSTCODE'
  | 'PHONE_NUMBER'
  | 'EMAIL'
  | 'DATE_OF_BIRTH'
  | 'PERSON_NAME'
  | 'LOCAL_PATIENT_ID'
  | 'NI_NUMBER'
  | 'PROFESSIONAL_ID';

/** One identifier found in a text. Offsets are UTF-16 indices into the scanned string; `end` is exclusive. */
export interface Finding {
  type: IdentifierType;
  start: number;
  end: number;
  text: string;
  /** 0..1: how sure the detector is. Context words (e.g. "NHS number", "DOB") raise it. */
  confidence: number;
}

/** A detector proposes findings; overlaps between detectors are resolved afterwards, in one place. */
export type Detector = (text: string) => Finding[];

export function makeFinding(text: string, type: IdentifierType, start: number, end: number, confidence: number): Finding {
  return { type, start, end, text: text.slice(start, end), confidence };
}
