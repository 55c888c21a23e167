import { describe, expect, it } from 'vitest';
import { detectIdentifiers, isValidNhsNumber, nhsCheckDigit } from '../../src/modules/anonymisation/detectors.js';

describe('isValidNhsNumber (Modulus 11)', () => {
  it('accepts the documented example in every common spelling', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
  });

  it('rejects a wrong check digit, wrong lengths and non-digits', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('943476591X')).toBe(false);
    expect(isValidNhsNumber('')).toBe(false);
  });

  it('maps a computed check of 11 to 0 and treats 10 as "no valid number"', () => {
    // 4 x 10 = 40; 40 mod 11 = 7; 11 - 7 = 4.
    expect(nhsCheckDigit('400000000')).toBe(4);
    // 4 x 10 + 1 x 2 = 42; 42 mod 11 = 9; 11 - 9 = 2.
    expect(nhsCheckDigit('400000001')).toBe(2);
    // Sum 0: 11 - 0 = 11, written as 0.
    expect(nhsCheckDigit('000000000')).toBe(0);
    expect(isValidNhsNumber('0000000000')).toBe(true);
    // 6 x 2 = 12; 12 mod 11 = 1; 11 - 1 = 10: no check digit can make this valid.
    expect(nhsCheckDigit('000000006')).toBeUndefined();
    for (let last = 0; last <= 9; last += 1) expect(isValidNhsNumber(`000000006${last}`)).toBe(false);
  });
});

describe('NHS number detection', () => {
  const nhsFindings = (text: string) => detectIdentifiers(text).filter((finding) => finding.type === 'NHS_NUMBER');

  it('finds valid numbers with or without separators, with exact offsets', () => {
    const text = 'NHS no: 943 476 5919; also 9434765919 and 943-476-5919.';
    expect(nhsFindings(text).map((f) => [f.text, f.start, f.end])).toEqual([
      ['943 476 5919', 8, 20],
      ['9434765919', 27, 37],
      ['943-476-5919', 42, 54],
    ]);
  });

  it('raises confidence when "NHS" or "patient" is written before the number', () => {
    const [labelled] = nhsFindings('NHS number 943 476 5919');
    const [patient] = nhsFindings('the patient record showed 943 476 5919');
    const [bare] = nhsFindings('reference 943 476 5919');
    expect(labelled!.confidence).toBeGreaterThan(patient!.confidence);
    expect(patient!.confidence).toBeGreaterThan(bare!.confidence);
  });

  it('reports test-range (999) numbers too: they still look real to a reader', () => {
    expect(nhsFindings('test patient 999 000 0018').map((f) => f.text)).toEqual(['999 000 0018']);
  });

  it('ignores order and reference numbers that fail Modulus 11', () => {
    expect(nhsFindings('Order number 4012345678 and invoice 943 476 5918 and ref 1234567890.')).toEqual([]);
  });

  it('ignores ten digits inside a longer number or with mixed separators', () => {
    expect(nhsFindings('serial 19434765919 and 94347659190')).toEqual([]);
    expect(nhsFindings('943 476-5919')).toEqual([]);
  });
});
