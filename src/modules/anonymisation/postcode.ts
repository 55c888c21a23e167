// UK postcodes: an outward code (area + district) and an inward code (sector digit + two unit letters).
import { contextBeforeMatches } from './context.js';
import { makeFinding, type Finding } from './types.js';

// The 121 postcode areas of the UK plus the Crown dependencies. Checking the area is what keeps ordinary
// tokens that happen to fit the letter/digit shape (a part number, "IQ9 2TA") from being flagged.
const POSTCODE_AREAS = new Set(
  (
    'AB AL B BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX ' +
    'FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE ' +
    'NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ ' +
    'TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
  ).split(' '),
);
// Only central London districts end in a letter (A9A: E1W, N1C, W1A; AA9A: EC1A, SW1A, WC2H, SE1P, NW1W).
const AREAS_WITH_LETTER_DISTRICTS = new Set(['E', 'N', 'W', 'EC', 'SW', 'WC', 'SE', 'NW']);
// The inward code never uses C, I, K, M, O or V (they are too easily misread).
const INWARD_UNIT = /^[ABD-HJLNP-UW-Z]{2}$/;

// Outward: 1-2 letters, a digit, an optional digit or letter. Inward: a digit and two letters. At most one space
// between them; no letters or digits glued on either side.
const POSTCODE_CANDIDATE = /(?<![A-Za-z0-9])([A-Za-z]{1,2})(\d)([A-Za-z\d]?) ?(\d)([A-Za-z]{2})(?![A-Za-z0-9])/g;
const GIRO_POSTCODE = /(?<![A-Za-z0-9])GIR ?0AA(?![A-Za-z0-9])/gi;
// "W1 2nd floor", "b2 3rd dose": ordinals written in lower case fit the inward shape.
const LOWER_CASE_ORDINAL = /^\d(?:st|nd|rd|th)$/;
const ADDRESS_CONTEXT = /post\s*code|address|lives|living|resident|\bat\b|\bto\b/i;

function isValidOutwardCode(area: string, districtSuffix: string): boolean {
  if (!POSTCODE_AREAS.has(area)) return false;
  if (/^[A-Z]$/.test(districtSuffix)) return AREAS_WITH_LETTER_DISTRICTS.has(area);
  return true;
}

export function detectPostcodes(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(POSTCODE_CANDIDATE)) {
    const [whole, area = '', , districtSuffix = '', sector = '', unit = ''] = match;
    const upperUnit = unit.toUpperCase();
    if (!isValidOutwardCode(area.toUpperCase(), districtSuffix.toUpperCase())) continue;
    if (!INWARD_UNIT.test(upperUnit)) continue;
    if (unit === unit.toLowerCase() && LOWER_CASE_ORDINAL.test(sector + unit)) continue;
    const start = match.index;
    // Upper case with the space is how postcodes are written; other spellings are likelier to be something else.
    let confidence = whole === whole.toUpperCase() ? (whole.includes(' ') ? 0.9 : 0.8) : 0.7;
    if (contextBeforeMatches(text, start, 30, ADDRESS_CONTEXT)) confidence = Math.min(0.97, confidence + 0.07);
    findings.push(makeFinding(text, 'POSTCODE', start, start + whole.length, confidence));
  }
  for (const match of text.matchAll(GIRO_POSTCODE)) {
    findings.push(makeFinding(text, 'POSTCODE', match.index, match.index + match[0].length, 0.9));
  }
  return findings;
}
