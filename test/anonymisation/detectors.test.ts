import { describe, expect, it } from 'vitest';
import {
  detectIdentifiers,
  isValidNhsNumber,
  lineAndColumn,
  redact,
  resolveOverlaps,
  scanFields,
  type Finding,
  type IdentifierType,
} from '../../src/modules/anonymisation/detectors.js';

/** [type, text] of every finding, in order. */
const found = (text: string) => detectIdentifiers(text).map((finding) => [finding.type, finding.text]);
const foundOfType = (type: IdentifierType, text: string) =>
  detectIdentifiers(text)
    .filter((finding) => finding.type === type)
    .map((finding) => finding.text);

describe('look-alikes in clinical safety prose are not identifiers', () => {
  it.each([
    ['clause numbers', 'Clause 2.3.1 and clauses 3.2.1-3.2.4 of DCB0129 apply; see 7.1.3.'],
    ['versions', 'Specification v4.2 with Implementation Guidance v3.2; release 4.2.1 and build 10.4.19.'],
    ['hazard and control ids', 'Hazard H-012 is mitigated by control C-003 and HAZ-045; see CTRL-07.'],
    ['order and reference numbers failing Modulus 11', 'Order 4012345678, invoice 1234567890 and referral 9434765918.'],
    ['document and release dates', 'The standard was published 2018-05-01 and the fix released on 3 March 2024.'],
    ['dates in front matter', '---\ntitle: Hazard workshops\ndate: 2024-01-12\nlastReviewed: 2026-10-01\n---'],
    ['amendment numbers and sections', 'Issued as Amd 24/2018 and Amd 25/2018 under section 250 of the Act.'],
    ['percentages, times, money and ratings', '45% of orders at 14:30 cost £12,500; risk rating 3; 2.5% at 09.15.'],
    ['a recent admission date beside an age', 'A patient aged 82 was admitted on 12/03/2024 with chest pain.'],
    ['role words', 'The ward nurse reported that the consultant agreed; the pharmacist confirmed.'],
    [
      'capitalised domain terms',
      'The Clinical Safety Officer updated the Hazard Log for the Trust, NHS England and the National Early Warning Score.',
    ],
    ['drug names', 'Warfarin 5 mg, Metformin 500 mg and Insulin glargine 10 units were given.'],
    ['place-like words', 'Leeds General Infirmary, St James\'s and Queen Elizabeth sites moved to the Yorkshire region.'],
    ['departments after "by"', 'Reported by Estates; seen by Physiotherapy; reviewed by the Medication Safety Officer.'],
    ['vitamin doses and road names', 'Vitamin B12 1mg injections; the M62 closure; Ward 7B, Bay 3A, W1 2nd floor.'],
    ['standards and codes', 'ISO 14971:2019, IEC 62304, SNOMED CT 22298006, ICD-10 I21.4, HL7 v2.4 ADT^A08.'],
    ['bleeps and extensions', 'Extension 4521 and bleep 2231 were listed for the on-call team; call NHS 111 or 999.'],
    ['organisations after a sign-off', 'Kind regards, Clinical Safety Officer, Southhaven ICB'],
    ['specialists and teams', 'Consultant Radiologist reviewed; Text Relay; Contact Us; escalated to Gold Command.'],
  ])('%s', (_label, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('postcodes', () => {
  it.each([
    ['A9 9AA', 'M1 1AE'],
    ['A99 9AA', 'B33 8TH'],
    ['AA9 9AA', 'CR2 6XH'],
    ['AA99 9AA', 'DN55 1PT'],
    ['A9A 9AA', 'W1A 0AX'],
    ['AA9A 9AA', 'EC1A 1BB'],
    ['no space', 'LS14AP'],
    ['lower case', 'ls1 4ap'],
    ['Girobank', 'GIR 0AA'],
  ])('%s', (_label, postcode) => {
    expect(foundOfType('POSTCODE', `Lives at ${postcode}, near the park.`)).toEqual([postcode]);
  });

  it('requires a real postcode area and inward letters', () => {
    expect(foundOfType('POSTCODE', 'codes QQ1 1AA, IQ9 2TA, LS1 4CI and AB1 1MO')).toEqual([]);
  });

  it('only central London areas have a letter at the end of the district', () => {
    expect(foundOfType('POSTCODE', 'LS1A 4AP')).toEqual([]);
    expect(foundOfType('POSTCODE', 'SW1A 2AA')).toEqual(['SW1A 2AA']);
  });
});

describe('phone numbers', () => {
  it.each([
    '07700 900123',
    '07700900123',
    '07700-900123',
    '+44 7700 900123',
    '+447700900123',
    '+44 (0)7700 900123',
    '0113 496 0000',
    '(0113) 496 0000',
    '+44 (0)113 496 0000',
    '020 7946 0958',
    '(020) 7946 0958',
    '+44 20 7946 0958',
    '01632 960123',
    '0306 999 0123',
    '0161-496-0123',
  ])('%s', (phone) => {
    expect(foundOfType('PHONE_NUMBER', `Call ${phone} today.`)).toEqual([phone]);
  });

  it('ignores dates, short numbers and numbers outside the personal ranges', () => {
    expect(found('On 01/02/2003 and 01.02.2003 ring 0800 123 4567, bleep 2231 or NHS 111.')).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it('finds addresses and leaves sentence punctuation out', () => {
    expect(foundOfType('EMAIL', 'Write to jo.bell@nhs.net. Or J_Reid+safety@northmoor-tr.nhs.uk, or x@example.co.uk!')).toEqual([
      'jo.bell@nhs.net',
      'J_Reid+safety@northmoor-tr.nhs.uk',
      'x@example.co.uk',
    ]);
  });

  it('ignores @-mentions, package scopes and hosts without a top-level domain', () => {
    expect(found('Ask @jo-bell; install @types/node; user@localhost; 10 @ £5.')).toEqual([]);
  });
});

describe('dates of birth', () => {
  it.each([
    ['DOB: 12/03/1957', '12/03/1957'],
    ['D.O.B. 3.3.57', '3.3.57'],
    ['DoB 1957-03-12', '1957-03-12'],
    ['date of birth 3rd March 1957', '3rd March 1957'],
    ['Date of birth: 12-Mar-1957', '12-Mar-1957'],
    ['born on 12 March 1957', '12 March 1957'],
    ['born March 12, 1957', 'March 12, 1957'],
    ['Birth date: 12-03-1957', '12-03-1957'],
    ['12/03/1957 (DOB)', '12/03/1957'],
  ])('%s', (text, date) => {
    expect(foundOfType('DATE_OF_BIRTH', `Patient record: ${text}.`)).toEqual([date]);
  });

  it('takes a date beside an age when the age fits the year', () => {
    expect(detectIdentifiers('Mrs Jones, aged 67, 12/03/1959, for review', {}).some((f) => f.type === 'DATE_OF_BIRTH')).toBe(true);
    expect(foundOfType('DATE_OF_BIRTH', 'aged 82 and admitted 12/03/2024')).toEqual([]);
  });

  it('only the date right after "born" is a date of birth, not later dates in the sentence', () => {
    expect(foundOfType('DATE_OF_BIRTH', 'Born on 3 May 1950, she was discharged on 2 June 2024.')).toEqual(['3 May 1950']);
  });

  it('takes a corrected date tied to a date of birth, and a date in a record row beside an NHS number', () => {
    expect(foundOfType('DATE_OF_BIRTH', 'The date of birth 12/03/1957 was migrated as 03/12/1957.')).toEqual(['12/03/1957', '03/12/1957']);
    expect(foundOfType('DATE_OF_BIRTH', 'Row 4: SMITH, John, 943 476 5919, 12/03/1957, LS1 4AP')).toEqual(['12/03/1957']);
  });

  it('rejects impossible dates even with a label', () => {
    expect(foundOfType('DATE_OF_BIRTH', 'DOB 32/13/1957 and DOB 00/01/1957')).toEqual([]);
  });
});

describe('person names', () => {
  it.each([
    ['Mrs Patel was seen.', 'Mrs Patel'],
    ['Seen by Dr O\'Brien on the ward.', 'Dr O\'Brien'],
    ['Escalated to Dr. A. K. Rao at 10:00.', 'Dr. A. K. Rao'],
    ['Sister Jones reported the fall.', 'Sister Jones'],
    ['Staff Nurse Priya Shah checked it.', 'Nurse Priya Shah'],
    ['Professor Sir Bruce Banner spoke.', 'Professor Sir Bruce Banner'],
    ['The incident was reported by Jane Smith-Jones.', 'Jane Smith-Jones'],
    ['Name: Amelia McAllister', 'Amelia McAllister'],
    ['patient Albert Fitzgerald was transferred', 'Albert Fitzgerald'],
    ['midwife Claire Dunn booked her', 'Claire Dunn'],
    ['Pharmacist Renée van der Berg noted the dose', 'Renée van der Berg'],
    ['Discussed with Isla Bevan, the patient\'s daughter.', 'Isla Bevan'],
    ['Kind regards,\nJames Carter\nDeputy CCIO', 'James Carter'],
    ['Mei Lewis reported that the chart froze.', 'Mei Lewis'],
    ['Marta Whitfield, paramedic, attended.', 'Marta Whitfield'],
    ['present Wei Bell (CSO) and others', 'Wei Bell'],
    ['From: Leo Chowdhury <leo@example.com>', 'Leo Chowdhury'],
    ['PATIENT: WARD, Marco', 'WARD, Marco'],
  ])('%s', (text, name) => {
    expect(foundOfType('PERSON_NAME', text)).toContain(name);
  });

  it('continues a list that began with a name', () => {
    expect(foundOfType('PERSON_NAME', 'cc: Wei Bell, Rhys Evans and Ama Mensah; Clinical Risk Management File')).toEqual([
      'Wei Bell',
      'Rhys Evans',
      'Ama Mensah',
    ]);
  });

  it('does not take organisations, places or documents after a cue', () => {
    expect(
      found('Prepared by Oakfield Group Practice; approved by Trust Board; reported by Yorkshire Ambulance Service; from Leeds.'),
    ).toEqual([]);
  });

  it('does not take titles followed by role words', () => {
    expect(found('Nurse Practitioners and Nurse Specialist roles; the Sister on duty.')).toEqual([]);
  });

  it('does not take shouted words or acronyms as "SURNAME, Forename"', () => {
    expect(found('NOTE, Please read. WARNING, Do not. NHS, England.')).toEqual([]);
  });

  it('keeps possible surnames that are also common words ("Ward", "Green")', () => {
    expect(foundOfType('PERSON_NAME', 'Discussed with Darren Ward and Mrs Green.')).toEqual(['Darren Ward', 'Mrs Green']);
  });
});

describe('local patient identifiers', () => {
  it.each([
    ['MRN: RX1234567', 'RX1234567'],
    ['hospital number K123456', 'K123456'],
    ['Hosp. no. 58814353', '58814353'],
    ['Unit No: Z84K9644', 'Z84K9644'],
    ['patient ID P-004512', 'P-004512'],
    ['PAS number 00734512', '00734512'],
    ['Casenote no. 1234-5678', '1234-5678'],
    ['hospital number was H9642904', 'H9642904'],
  ])('%s', (text, id) => {
    expect(foundOfType('LOCAL_PATIENT_ID', `${text}.`)).toEqual([id]);
  });

  it('needs the label, and an id with enough digits', () => {
    expect(found('RX1234567 on its own; patient ID field; MRN 12; unit number 4.')).toEqual([]);
  });
});

describe('National Insurance numbers', () => {
  it.each(['AB123456C', 'AB 12 34 56 C', 'AB 123456 C'])('%s', (ni) => {
    expect(foundOfType('NI_NUMBER', `NI ${ni} on file`)).toEqual([ni]);
    expect(foundOfType('NI_NUMBER', `found ${ni} on file`)).toEqual([ni]);
  });

  it('accepts lower case only when labelled', () => {
    expect(foundOfType('NI_NUMBER', 'NI number ab123456c')).toEqual(['ab123456c']);
    expect(foundOfType('NI_NUMBER', 'code ab123456c')).toEqual([]);
  });

  it('applies the official prefix exclusions and the A-D suffix', () => {
    for (const invalid of ['DA123456A', 'FA123456A', 'QQ123456C', 'AO123456A', 'BG123456A', 'GB123456A', 'NK123456A', 'TN123456A', 'ZZ123456A', 'AB123456E']) {
      expect(foundOfType('NI_NUMBER', `NI ${invalid}`), invalid).toEqual([]);
    }
  });
});

describe('professional registration numbers', () => {
  it.each([
    ['GMC 1234567', '1234567'],
    ['GMC No. 7654321', '7654321'],
    ['GMC registration number: 4567890', '4567890'],
    ['(GMC: 1234567)', '1234567'],
    ['1234567 (GMC)', '1234567'],
    ['NMC PIN 12A3456B', '12A3456B'],
    ['PIN 05C0123W', '05C0123W'],
    ['Staff Nurse (98I1234E)', '98I1234E'],
    ['GPhC 2071234', '2071234'],
    ['HCPC PA12345', 'PA12345'],
  ])('%s', (text, id) => {
    expect(foundOfType('PROFESSIONAL_ID', text)).toEqual([id]);
  });

  it('does not take a bare seven-digit number', () => {
    expect(found('Windows build 1904512 and SNOMED 1234567.')).toEqual([]);
  });
});

describe('overlaps, confidence and ordering', () => {
  it('returns findings sorted by start', () => {
    const findings = detectIdentifiers('jo@example.com, Mrs Patel, 07700 900123, LS1 4AP');
    expect(findings.map((f) => f.start)).toEqual([...findings.map((f) => f.start)].sort((a, b) => a - b));
  });

  it('keeps the more confident finding where two overlap, then the more specific type', () => {
    const finding = (type: IdentifierType, start: number, end: number, confidence: number): Finding => ({ type, start, end, text: '', confidence });
    expect(resolveOverlaps([finding('PERSON_NAME', 0, 10, 0.7), finding('EMAIL', 0, 20, 0.95)])).toEqual([finding('EMAIL', 0, 20, 0.95)]);
    expect(resolveOverlaps([finding('PERSON_NAME', 0, 20, 0.95), finding('EMAIL', 0, 10, 0.7)])).toEqual([finding('PERSON_NAME', 0, 20, 0.95)]);
    expect(resolveOverlaps([finding('LOCAL_PATIENT_ID', 0, 10, 0.9), finding('NHS_NUMBER', 0, 10, 0.9)])).toEqual([finding('NHS_NUMBER', 0, 10, 0.9)]);
    // Nested findings: the container wins when it is preferred, the contained one simply goes.
    expect(resolveOverlaps([finding('NHS_NUMBER', 4, 16, 0.8), finding('PHONE_NUMBER', 0, 16, 0.9)])).toEqual([finding('PHONE_NUMBER', 0, 16, 0.9)]);
  });

  it('grows the winner over a losing finding that reaches outside it, so nothing is left half-redacted', () => {
    const text = 'x 943 476 5919@example.com y';
    const [only, ...rest] = detectIdentifiers(text);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ type: 'EMAIL', text: '943 476 5919@example.com' });
    expect(redact(text)).toBe('x [EMAIL] y');
    // A chain of overlaps becomes one finding of the preferred type covering all of them.
    const finding = (type: IdentifierType, start: number, end: number, confidence: number): Finding => ({ type, start, end, text: '', confidence });
    expect(
      resolveOverlaps([finding('POSTCODE', 0, 5, 0.8), finding('PHONE_NUMBER', 4, 9, 0.9), finding('PERSON_NAME', 8, 12, 0.8)], 'abcdefghijklm'),
    ).toEqual([{ type: 'PHONE_NUMBER', start: 0, end: 12, text: 'abcdefghijkl', confidence: 0.9 }]);
  });

  it('prefers a +44 phone number over a checksum-valid NHS number inside it', () => {
    // "113 496 0018" passes Modulus 11, but here it is the national part of a phone number.
    expect(isValidNhsNumber('113 496 0018')).toBe(true);
    expect(found('Tel +44 113 496 0018')).toEqual([['PHONE_NUMBER', '+44 113 496 0018']]);
    expect(found('+44 (0)113 496 0018')).toEqual([['PHONE_NUMBER', '+44 (0)113 496 0018']]);
  });

  it('prefers a labelled hospital number over an unlabelled NHS-shaped number', () => {
    expect(found('MRN 9434765919')).toEqual([['LOCAL_PATIENT_ID', '9434765919']]);
    expect(found('NHS number 9434765919')).toEqual([['NHS_NUMBER', '9434765919']]);
  });

  it('drops findings below minConfidence', () => {
    const text = 'reference 943 476 5919; NHS no 943 476 5919';
    expect(detectIdentifiers(text).length).toBe(2);
    expect(detectIdentifiers(text, { minConfidence: 0.95 }).map((f) => f.start)).toEqual([31]);
  });
});

describe('redact', () => {
  it('replaces each finding with its type', () => {
    expect(redact('Mrs Patel, NHS no 943 476 5919, lives at LS1 4AP.')).toBe('[PERSON_NAME], NHS no [NHS_NUMBER], lives at [POSTCODE].');
  });

  it('uses the findings it is given and skips overlapping ones', () => {
    const findings: Finding[] = [
      { type: 'EMAIL', start: 0, end: 5, text: 'abcde', confidence: 1 },
      { type: 'PERSON_NAME', start: 3, end: 8, text: 'defgh', confidence: 1 },
      { type: 'POSTCODE', start: 9, end: 10, text: 'j', confidence: 1 },
    ];
    expect(redact('abcdefghij', findings)).toBe('[EMAIL]fghi[POSTCODE]');
  });

  it('leaves clean text unchanged', () => {
    expect(redact('Clause 2.3.1 of DCB0129 v4.2.')).toBe('Clause 2.3.1 of DCB0129 v4.2.');
  });
});

describe('lineAndColumn', () => {
  it('is 1-based and counts UTF-16 code units', () => {
    const text = 'ab\ncd\r\néf😀g\n';
    expect(lineAndColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn(text, 2)).toEqual({ line: 1, column: 3 });
    expect(lineAndColumn(text, 3)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn(text, 7)).toEqual({ line: 3, column: 1 });
    expect(lineAndColumn(text, text.indexOf('g'))).toEqual({ line: 3, column: 5 });
    expect(lineAndColumn(text, text.length)).toEqual({ line: 4, column: 1 });
  });
});

describe('scanFields', () => {
  const fields = [
    { field: 'summary', text: 'Reviewed by Jo Bell.' },
    { field: 'body', text: 'Intro line\nNHS no 943 476 5919 and Mr Men books', lineOffset: 10 },
  ];

  it('reports field, type, line and column, never the matched text', () => {
    const results = scanFields(fields);
    expect(results).toEqual([
      { field: 'summary', type: 'PERSON_NAME', line: 1, column: 13 },
      { field: 'body', type: 'NHS_NUMBER', line: 12, column: 8 },
      { field: 'body', type: 'PERSON_NAME', line: 12, column: 25 },
    ]);
    expect(JSON.stringify(results)).not.toContain('943');
    expect(JSON.stringify(results)).not.toContain('Bell');
  });

  it('skips allowed text of the allowed type only', () => {
    expect(scanFields(fields, [{ text: 'Mr Men', type: 'PERSON_NAME' }, { text: 'Jo Bell', type: 'EMAIL' }]).map((r) => r.type)).toEqual([
      'PERSON_NAME',
      'NHS_NUMBER',
    ]);
  });
});
