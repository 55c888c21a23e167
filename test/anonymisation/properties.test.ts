// Property-based tests: the NHS number detector against every valid number in every spelling, in any
// surroundings, and the general invariants of detectIdentifiers, redact and lineAndColumn on arbitrary text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLineLocator,
  detectIdentifiers,
  isValidNhsNumber,
  lineAndColumn,
  nhsCheckDigit,
  redact,
} from '../../src/modules/anonymisation/detectors.js';

const RUNS = 500;

const digit = fc.constantFrom(...'0123456789'.split(''));
const nineDigits = fc.array(digit, { minLength: 9, maxLength: 9 }).map((digits) => digits.join(''));

/** A valid NHS number: nine random digits plus their Modulus 11 check digit (prefixes with check 10 skipped). */
const validNhsNumber = nineDigits
  .filter((nine) => nhsCheckDigit(nine) !== undefined)
  .map((nine) => `${nine}${nhsCheckDigit(nine)}`);

/** Ten digits whose last digit is not the check digit of the first nine (or whose check would be 10). */
const invalidTenDigits = fc
  .tuple(nineDigits, digit)
  .map(([nine, last]) => `${nine}${last}`)
  .filter((ten) => !isValidNhsNumber(ten));

type Spelling = 'plain' | 'spaced' | 'hyphenated';
const spelling = fc.constantFrom<Spelling>('plain', 'spaced', 'hyphenated');
const spell = (ten: string, how: Spelling) =>
  how === 'plain' ? ten : [ten.slice(0, 3), ten.slice(3, 6), ten.slice(6)].join(how === 'spaced' ? ' ' : '-');

// Surroundings are letters, punctuation and whitespace, never digits: a digit beside the number would make it
// part of a longer number, which is exactly what the detector must refuse.
const SURROUNDING_CHARACTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:!?()[]{}"\'-/\n\t#%&*_+=<>|~'.split('');
const surroundings = fc.array(fc.constantFrom(...SURROUNDING_CHARACTERS), { maxLength: 40 }).map((chars) => chars.join(''));
// With "@" too: the number may be glued to an e-mail domain.
const surroundingsWithAt = fc.array(fc.constantFrom(...SURROUNDING_CHARACTERS, '@', '.'), { maxLength: 40 }).map((chars) => chars.join(''));
// A label such as "MRN " or "hospital number " before the digits makes them a local patient id, which is
// reported instead (and tested elsewhere); the properties below are about unlabelled and NHS-labelled numbers.
const LOCAL_ID_LABEL_AT_END = /(?:mrn|number|no\.?|id|identifier|ref(?:erence)?|crn)\W*$/i;

describe('NHS number properties', () => {
  it('finds every valid NHS number, in every spelling, in any surroundings, at its exact offsets', () => {
    fc.assert(
      fc.property(validNhsNumber, spelling, surroundings, surroundings, (ten, how, before, after) => {
        fc.pre(!LOCAL_ID_LABEL_AT_END.test(before));
        const number = spell(ten, how);
        const text = `${before}${number}${after}`;
        const findings = detectIdentifiers(text).filter((finding) => finding.type === 'NHS_NUMBER');
        expect(findings).toContainEqual(expect.objectContaining({ start: before.length, end: before.length + number.length, text: number }));
      }),
      { numRuns: RUNS },
    );
  });

  it('never leaves any part of a valid NHS number unredacted, whatever it is glued to', () => {
    fc.assert(
      fc.property(validNhsNumber, spelling, surroundingsWithAt, surroundingsWithAt, (ten, how, before, after) => {
        const number = spell(ten, how);
        const text = `${before}${number}${after}`;
        const covering = detectIdentifiers(text).filter((finding) => finding.start <= before.length && finding.end >= before.length + number.length);
        expect(covering.length).toBe(1);
        expect(redact(text)).not.toMatch(/\d/);
      }),
      { numRuns: RUNS },
    );
  });

  it('never reports a ten-digit number with an invalid checksum as an NHS number', () => {
    fc.assert(
      fc.property(invalidTenDigits, spelling, surroundings, surroundings, (ten, how, before, after) => {
        const text = `${before}NHS number ${spell(ten, how)}${after}`;
        expect(detectIdentifiers(text).filter((finding) => finding.type === 'NHS_NUMBER')).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with a direct Modulus 11 computation on any ten digits', () => {
    fc.assert(
      fc.property(fc.array(digit, { minLength: 10, maxLength: 10 }), (digits) => {
        const weighted = digits.slice(0, 9).reduce((sum, d, index) => sum + Number(d) * (10 - index), 0);
        const check = (11 - (weighted % 11)) % 11;
        expect(isValidNhsNumber(digits.join(''))).toBe(check !== 10 && check === Number(digits[9]));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('invariants on arbitrary text', () => {
  const arbitraryText = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.array(fc.constantFrom('Mr', 'Dr', 'Smith', 'NHS', 'no', '943 476 5919', 'LS1 4AP', 'DOB', '12/03/1957', 'MRN', 'RX1234567', '@', 'a.b', ',', ' ', '\n', 'reported by', 'Jo', 'Bell', '07700 900123', 'AB123456C', 'GMC', '1234567'), { maxLength: 30 }).map((parts) => parts.join(' ')),
  );

  it('returns sorted, non-overlapping findings whose text is the slice they point at', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        const findings = detectIdentifiers(text);
        findings.forEach((finding, index) => {
          expect(finding.start).toBeGreaterThanOrEqual(0);
          expect(finding.end).toBeLessThanOrEqual(text.length);
          expect(finding.end).toBeGreaterThan(finding.start);
          expect(finding.text).toBe(text.slice(finding.start, finding.end));
          expect(finding.confidence).toBeGreaterThan(0);
          expect(finding.confidence).toBeLessThanOrEqual(1);
          if (index > 0) expect(finding.start).toBeGreaterThanOrEqual(findings[index - 1]!.end);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('redacts to text with no identifiers left in the redacted places, and changes nothing when clean', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        const findings = detectIdentifiers(text);
        const redacted = redact(text, findings);
        if (findings.length === 0) expect(redacted).toBe(text);
        else for (const finding of findings) expect(redacted).toContain(`[${finding.type}]`);
      }),
      { numRuns: RUNS },
    );
  });

  it('lineAndColumn and the line locator agree, and point back at the offset', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }).chain((text) => fc.tuple(fc.constant(text), fc.nat({ max: text.length }))), ([text, offset]) => {
        const position = lineAndColumn(text, offset);
        expect(createLineLocator(text)(offset)).toEqual(position);
        const lineStart = text.split('\n').slice(0, position.line - 1).reduce((sum, line) => sum + line.length + 1, 0);
        expect(lineStart + position.column - 1).toBe(offset);
      }),
      { numRuns: RUNS },
    );
  });
});
