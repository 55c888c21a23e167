/**
 * The controlled values of a register entry. Each list is what the GraphQL enums and the database checks
 * allow, so an entry can only hold values every reader understands.
 */

/** UK statutory regulators a CSO may be registered with; OTHER for anything else, described by the number. */
export const PROFESSIONAL_BODIES = ['GMC', 'NMC', 'HCPC', 'GPHC', 'GDC', 'GOC', 'GOSC', 'GCC', 'PSNI', 'SWE', 'OTHER'] as const;
export type ProfessionalBody = (typeof PROFESSIONAL_BODIES)[number];

/** NHS England's seven regions, and the devolved nations for CSOs working there. */
export const REGIONS = [
  'EAST_OF_ENGLAND', 'LONDON', 'MIDLANDS', 'NORTH_EAST_AND_YORKSHIRE', 'NORTH_WEST', 'SOUTH_EAST', 'SOUTH_WEST', 'SCOTLAND', 'WALES', 'NORTHERN_IRELAND',
] as const;
export type Region = (typeof REGIONS)[number];

export const ORGANISATION_TYPES = [
  'ACUTE_TRUST', 'MENTAL_HEALTH_TRUST', 'COMMUNITY_PROVIDER', 'AMBULANCE_SERVICE', 'INTEGRATED_CARE_BOARD', 'PRIMARY_CARE', 'SOCIAL_CARE', 'MANUFACTURER',
  'CONSULTANCY', 'NATIONAL_BODY', 'OTHER',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const PRACTISED_STANDARDS = ['DCB0129', 'DCB0160'] as const;
export type PractisedStandard = (typeof PRACTISED_STANDARDS)[number];

/**
 * The parts of an entry a registrant can make public, one switch each. Everything not switched on is seen only
 * by the registrant and admins (and, for NAME, by the other side of a mentoring pairing).
 */
export const REGISTER_FIELDS = ['NAME', 'REGISTRATION', 'ORGANISATION_TYPE', 'REGION', 'ICB', 'STANDARDS', 'YEARS_AS_CSO', 'COMPETENCIES', 'TRAINING', 'MENTORING'] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/**
 * Registration number shapes of the registers whose format is public and stable. The others accept any short
 * reference; an admin checks every number against its register before verifying an entry.
 */
const NUMBER_FORMATS: Partial<Record<ProfessionalBody, { pattern: RegExp; example: string }>> = {
  GMC: { pattern: /^\d{7}$/, example: 'seven digits' },
  GPHC: { pattern: /^\d{7}$/, example: 'seven digits' },
  NMC: { pattern: /^\d{2}[A-Z]\d{4}[A-Z]$/, example: 'a PIN such as 12A3456B' },
  HCPC: { pattern: /^(?:AS|BS|CH|CS|DT|HAD|OP|OR|OT|PA|PH|PYL|RA|SL|ST)\d{5,6}$/, example: 'a profession prefix and 5 or 6 digits, such as PA12345' },
};
const ANY_REFERENCE = /^[A-Z0-9][A-Z0-9\-/]{2,19}$/;

/** Upper case without spaces, as the registers print them. */
export function normaliseRegistrationNumber(number: string): string {
  return number.replace(/\s+/g, '').toUpperCase();
}

/** Null when the number fits the body's format; otherwise what it should look like (never echoing the number). */
export function registrationNumberProblem(body: ProfessionalBody, normalised: string): string | null {
  const format = NUMBER_FORMATS[body];
  if (format) return format.pattern.test(normalised) ? null : `is not a ${body} number: expected ${format.example}`;
  return ANY_REFERENCE.test(normalised) ? null : 'must be 3 to 20 letters, digits, hyphens or slashes';
}

/**
 * ICB names are free text ("NHS North East London ICB", "North East London Integrated Care Board"), so they
 * are compared in a normal form: lower case, without the NHS prefix or the ICB suffix.
 */
export function icbKey(icb: string | null | undefined): string | null {
  if (!icb) return null;
  const key = icb
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(nhs|integrated care board|icb)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return key || null;
}
