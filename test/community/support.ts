import { expect } from 'vitest';
import type { TestServer } from '../support/test-hub.js';

/** Every field of a RegisterEntry that can be hidden, and the public-field switch that shows it. */
export const ENTRY_FIELDS = {
  name: 'NAME',
  registrationBody: 'REGISTRATION',
  registrationNumber: 'REGISTRATION',
  organisationType: 'ORGANISATION_TYPE',
  region: 'REGION',
  icb: 'ICB',
  standards: 'STANDARDS',
  yearsAsCso: 'YEARS_AS_CSO',
  competencies: 'COMPETENCIES',
  trainingCompleted: 'TRAINING',
  otherTraining: 'TRAINING',
  availableForMentoring: 'MENTORING',
} as const;
export type EntryField = keyof typeof ENTRY_FIELDS | 'publicFields';

export const ENTRY_SELECTION = `id verified visibleFields name registrationBody registrationNumber organisationType region icb standards yearsAsCso
  competencies { competency { slug } level } trainingCompleted { slug } otherTraining availableForMentoring publicFields`;

export const CREATE_ENTRY = `mutation($input: RegisterEntryInput!) { createRegisterEntry(input: $input) { ${ENTRY_SELECTION} } }`;
export const UPDATE_ENTRY = `mutation($id: ID!, $input: RegisterEntryInput!) { updateRegisterEntry(id: $id, input: $input) { ${ENTRY_SELECTION} } }`;
export const VERIFY_ENTRY = `mutation($id: ID!, $verified: Boolean) { verifyRegisterEntry(id: $id, verified: $verified) { id verified } }`;
export const ERASE_ENTRY = `mutation($id: ID!) { eraseRegisterEntry(id: $id) { erasedAt auditSequence } }`;
export const READ_ENTRY = `query($id: ID!) { registerEntry(id: $id) { ${ENTRY_SELECTION} } }`;

export interface EntryInput {
  displayName: string;
  registrationBody: string;
  registrationNumber: string;
  organisationType: string;
  region: string;
  icb?: string | null;
  standards: string[];
  yearsAsCso: number;
  competencies: { competency: string; level: string }[];
  trainingCompleted: string[];
  otherTraining: string[];
  publicFields: string[];
}

/** A complete entry; tests override what they are about. Names and numbers are made up for the tests. */
export function entryInput(overrides: Partial<EntryInput> = {}): EntryInput {
  return {
    displayName: 'Robin Testcase',
    registrationBody: 'GMC',
    registrationNumber: '7654321',
    organisationType: 'ACUTE_TRUST',
    region: 'LONDON',
    icb: 'NHS North East London ICB',
    standards: ['DCB0160'],
    yearsAsCso: 4,
    competencies: [{ competency: 'dcb-standards', level: 'PRACTITIONER' }],
    trainingCompleted: ['nhse-digital-clinical-safety-practitioner'],
    otherTraining: ['In-house hazard workshop facilitation course'],
    publicFields: ['NAME', 'REGION', 'STANDARDS', 'COMPETENCIES'],
    ...overrides,
  };
}

export type GraphqlResult = Awaited<ReturnType<TestServer['graphql']>>;

export function codeOf(result: GraphqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code as string | undefined;
}

/** Creates an entry with the given key's headers and (optionally) has an admin verify it; returns its id. */
export async function registerThroughApi(server: TestServer, headers: Record<string, string>, input: EntryInput, verifyWith?: Record<string, string>): Promise<string> {
  const created = await server.graphql<{ createRegisterEntry: { id: string } }>(CREATE_ENTRY, { input }, headers);
  expect(created.errors).toBeUndefined();
  const id = created.data!.createRegisterEntry.id;
  if (verifyWith) {
    const verified = await server.graphql(VERIFY_ENTRY, { id, verified: true }, verifyWith);
    expect(verified.errors).toBeUndefined();
  }
  return id;
}
