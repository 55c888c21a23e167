import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blueprintProposalInput, createKey, guidanceCorrectionInput, PROPOSE_BLUEPRINT_VERSION, REVIEW_SUBMISSION, revokeKey, safetyCaseInput, SUBMIT_GUIDANCE_CORRECTION,
  SUBMIT_SAFETY_CASE,
} from '../support/contributions.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/**
 * Every mutation and every submission query, called as every kind of caller. The expectations are the
 * policy table in src/modules/auth/policies.ts, written out: if one changes, this table must change with it.
 */
type Caller = 'anonymous' | 'contributor' | 'otherContributor' | 'editor' | 'admin' | 'revoked';
const CALLERS: Caller[] = ['anonymous', 'contributor', 'otherContributor', 'editor', 'admin', 'revoked'];
type Outcome = 'OK' | 'NULL' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

interface Result {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { extensions?: Record<string, unknown> }[];
}

describe('authorisation: every mutation and query for every role', () => {
  let server: TestServer;
  const headers = {} as Record<Caller, Record<string, string>>;
  let caseCounter = 0;
  /** A submission by `contributor`, waiting for review. */
  let pending: () => Promise<string>;
  /** A submission by `contributor`, sent back for changes. */
  let sentBack: () => Promise<string>;

  beforeAll(async () => {
    server = await startTestServer();
    headers.anonymous = {};
    headers.contributor = (await createKey(server.hub, 'CONTRIBUTOR', 'Contributor A')).headers;
    headers.otherContributor = (await createKey(server.hub, 'CONTRIBUTOR', 'Contributor B')).headers;
    headers.editor = (await createKey(server.hub, 'EDITOR', 'Editor')).headers;
    headers.admin = (await createKey(server.hub, 'ADMIN', 'Admin')).headers;
    const revoked = await createKey(server.hub, 'EDITOR', 'Revoked editor');
    await revokeKey(server.hub, revoked.prefix);
    headers.revoked = revoked.headers;

    pending = async () => {
      caseCounter += 1;
      const result = await server.graphql<{ submitSafetyCase: { id: string } }>(SUBMIT_SAFETY_CASE, { input: safetyCaseInput(`matrix-case-${caseCounter}`) }, headers.contributor);
      expect(result.errors).toBeUndefined();
      return result.data!.submitSafetyCase.id;
    };
    sentBack = async () => {
      const id = await pending();
      const result = await server.graphql(REVIEW_SUBMISSION, { id, decision: 'REQUEST_CHANGES', comment: 'Add the test evidence.' }, headers.editor);
      expect(result.errors).toBeUndefined();
      return id;
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  function outcomeOf(result: Result, field: string): Outcome {
    const code = result.errors?.[0]?.extensions?.code as Outcome | undefined;
    if (code) return code;
    return result.data?.[field] === null ? 'NULL' : 'OK';
  }

  const SUBMITTERS: Record<Caller, Outcome> = { anonymous: 'UNAUTHENTICATED', contributor: 'OK', otherContributor: 'OK', editor: 'OK', admin: 'OK', revoked: 'UNAUTHENTICATED' };

  const cases: { name: string; field: string; expected: Record<Caller, Outcome>; call(caller: Caller): Promise<Result> }[] = [
    {
      name: 'submitSafetyCase', field: 'submitSafetyCase', expected: SUBMITTERS,
      call: (caller) => server.graphql(SUBMIT_SAFETY_CASE, { input: safetyCaseInput(`by-${caller.toLowerCase()}`) }, headers[caller]),
    },
    {
      name: 'submitGuidanceCorrection', field: 'submitGuidanceCorrection', expected: SUBMITTERS,
      call: (caller) => server.graphql(SUBMIT_GUIDANCE_CORRECTION, { slug: 'ai-and-clinical-safety', input: guidanceCorrectionInput() }, headers[caller]),
    },
    {
      name: 'proposeBlueprintVersion', field: 'proposeBlueprintVersion', expected: SUBMITTERS,
      call: (caller) => server.graphql(PROPOSE_BLUEPRINT_VERSION, { blueprint: 'change-impact-assessment', input: blueprintProposalInput('3.0.0') }, headers[caller]),
    },
    {
      // Only the author may revise; anyone else cannot even see the submission, except editors, who are refused.
      name: 'submitSafetyCase revising a submission sent back to contributor A', field: 'submitSafetyCase',
      expected: { anonymous: 'UNAUTHENTICATED', contributor: 'OK', otherContributor: 'NOT_FOUND', editor: 'FORBIDDEN', admin: 'FORBIDDEN', revoked: 'UNAUTHENTICATED' },
      call: async (caller) => {
        const id = await sentBack();
        return server.graphql(SUBMIT_SAFETY_CASE, { input: safetyCaseInput(`matrix-case-${caseCounter}`), revises: id }, headers[caller]);
      },
    },
    {
      name: 'reviewSubmission (APPROVE) of contributor A\'s submission', field: 'reviewSubmission',
      expected: { anonymous: 'UNAUTHENTICATED', contributor: 'FORBIDDEN', otherContributor: 'FORBIDDEN', editor: 'OK', admin: 'OK', revoked: 'UNAUTHENTICATED' },
      call: async (caller) => server.graphql(REVIEW_SUBMISSION, { id: await pending(), decision: 'APPROVE' }, headers[caller]),
    },
    {
      name: 'reviewSubmission (REQUEST_CHANGES) of contributor A\'s submission', field: 'reviewSubmission',
      expected: { anonymous: 'UNAUTHENTICATED', contributor: 'FORBIDDEN', otherContributor: 'FORBIDDEN', editor: 'OK', admin: 'OK', revoked: 'UNAUTHENTICATED' },
      call: async (caller) => server.graphql(REVIEW_SUBMISSION, { id: await pending(), decision: 'REQUEST_CHANGES', comment: 'More detail on controls.' }, headers[caller]),
    },
    {
      name: 'reviewSubmission (REJECT) of contributor A\'s submission', field: 'reviewSubmission',
      expected: { anonymous: 'UNAUTHENTICATED', contributor: 'FORBIDDEN', otherContributor: 'FORBIDDEN', editor: 'OK', admin: 'OK', revoked: 'UNAUTHENTICATED' },
      call: async (caller) => server.graphql(REVIEW_SUBMISSION, { id: await pending(), decision: 'REJECT', comment: 'Out of scope for the hub.' }, headers[caller]),
    },
    {
      name: 'submission(id) of contributor A\'s submission', field: 'submission',
      expected: { anonymous: 'UNAUTHENTICATED', contributor: 'OK', otherContributor: 'NULL', editor: 'OK', admin: 'OK', revoked: 'UNAUTHENTICATED' },
      call: async (caller) => server.graphql('query($id: ID!) { submission(id: $id) { id status } }', { id: await pending() }, headers[caller]),
    },
    {
      name: 'mySubmissions', field: 'mySubmissions',
      expected: { anonymous: 'UNAUTHENTICATED', contributor: 'OK', otherContributor: 'OK', editor: 'OK', admin: 'OK', revoked: 'UNAUTHENTICATED' },
      call: (caller) => server.graphql('{ mySubmissions { totalCount } }', {}, headers[caller]),
    },
    {
      name: 'submissionsForReview', field: 'submissionsForReview',
      expected: { anonymous: 'UNAUTHENTICATED', contributor: 'FORBIDDEN', otherContributor: 'FORBIDDEN', editor: 'OK', admin: 'OK', revoked: 'UNAUTHENTICATED' },
      call: (caller) => server.graphql('{ submissionsForReview { totalCount } }', {}, headers[caller]),
    },
    {
      name: 'auditLog', field: 'auditLog',
      expected: { anonymous: 'UNAUTHENTICATED', contributor: 'FORBIDDEN', otherContributor: 'FORBIDDEN', editor: 'FORBIDDEN', admin: 'OK', revoked: 'UNAUTHENTICATED' },
      call: (caller) => server.graphql('{ auditLog(first: 5) { totalCount edges { node { action entryHash } } } }', {}, headers[caller]),
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: ${CALLERS.map((c) => `${c} ${testCase.expected[c]}`).join(', ')}`, async () => {
      const actual = {} as Record<Caller, Outcome>;
      for (const caller of CALLERS) {
        const result = await testCase.call(caller);
        actual[caller] = outcomeOf(result, testCase.field);
        // A bad or revoked key fails the whole request with HTTP 401, before anything is resolved.
        if (caller === 'revoked') expect(result.status).toBe(401);
      }
      expect(actual).toEqual(testCase.expected);
    });
  }

  it('shows each contributor only their own submissions', async () => {
    const own = await server.graphql<{ mySubmissions: { edges: { node: { authorName: string } }[] } }>('{ mySubmissions(first: 100) { edges { node { authorName } } } }', {}, headers.otherContributor);
    expect(own.data!.mySubmissions.edges.length).toBeGreaterThan(0);
    expect(new Set(own.data!.mySubmissions.edges.map((e) => e.node.authorName))).toEqual(new Set(['Contributor B']));
  });

  it('refuses an editor reviewing their own submission (four eyes)', async () => {
    const own = await server.graphql<{ submitSafetyCase: { id: string } }>(SUBMIT_SAFETY_CASE, { input: safetyCaseInput('editors-own-case') }, headers.editor);
    const result = await server.graphql(REVIEW_SUBMISSION, { id: own.data!.submitSafetyCase.id, decision: 'APPROVE' }, headers.editor);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('stops a key on the very next request after it is revoked, and rejects malformed and unknown keys with 401', async () => {
    const key = await createKey(server.hub, 'CONTRIBUTOR', 'Soon revoked');
    const before = await server.graphql<{ viewer: { role: string; name: string } }>('{ viewer { role name } }', {}, key.headers);
    expect(before.data!.viewer).toEqual({ role: 'CONTRIBUTOR', name: 'Soon revoked' });
    await revokeKey(server.hub, key.prefix);
    const after = await server.graphql('{ viewer { role } }', {}, key.headers);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]).toMatchObject({ message: 'The API key has been revoked', extensions: { code: 'UNAUTHENTICATED' } });

    const forged = `${key.key.slice(0, -4)}AAAA`;
    for (const authorization of [`Bearer ${forged}`, 'Bearer not-a-key', `Basic ${key.key}`]) {
      const result = await server.graphql('{ viewer { role } }', {}, { authorization });
      expect(result.status).toBe(401);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const anonymous = await server.graphql<{ viewer: { role: string; name: string | null } }>('{ viewer { role name } }');
    expect(anonymous.data!.viewer).toEqual({ role: 'ANONYMOUS', name: null });
  });

  it('stores only a hash of each key', async () => {
    const key = await createKey(server.hub, 'CONTRIBUTOR', 'Hash check');
    const rows = await server.hub.db.orm.em.fork().execute<Record<string, unknown>[]>('select * from api_key where prefix = ?', [key.prefix]);
    const secret = key.key.slice(`dcs_${key.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
