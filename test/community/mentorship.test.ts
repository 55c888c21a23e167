import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKey } from '../support/contributions.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';
import { codeOf, entryInput, registerThroughApi, type EntryInput } from './support.js';

/**
 * Mentorship end to end over GraphQL: mentors join the register and offer places, a new CSO assesses
 * themselves, asks for mentoring with the gaps found, gets mentors ranked with explained scores, and a pairing
 * both sides accept takes one of the mentor's places. Every query and mutation is also called by callers who
 * must be refused.
 */
let server: TestServer;
let admin: Record<string, string>;
let outsider: Record<string, string>;

interface Mentor {
  headers: Record<string, string>;
  entryId: string;
}
const mentors: Record<string, Mentor> = {};

const OFFER = `mutation($capacity: Int!, $competencies: [String!]!, $regions: [Region!]) {
  offerMentoring(capacity: $capacity, competencies: $competencies, regions: $regions) { capacity placesTaken placesFree regions active competencies { slug } }
}`;
const REQUEST = `mutation($goals: String!, $gaps: [MentoringGapInput!]!, $region: Region!, $icb: String) {
  requestMentoring(goals: $goals, gaps: $gaps, region: $region, icb: $icb) { id status region gaps { competency { slug } targetLevel } }
}`;
const MATCHES = `query($requestId: ID, $input: MentorMatchInput, $regionOnly: Boolean, $first: Int) {
  mentorMatches(requestId: $requestId, input: $input, regionOnly: $regionOnly, first: $first) {
    mentor { id name region } score placesFree regions
    components { name points maxPoints explanation }
    covers { slug } offered { competency { slug } level }
  }
}`;
const PROPOSE = `mutation($requestId: ID!, $mentorEntryId: ID!) { proposePairing(requestId: $requestId, mentorEntryId: $mentorEntryId) { id status mentorAccepted menteeAccepted } }`;
const ACCEPT = `mutation($id: ID!) { acceptPairing(id: $id) { id status mentorAccepted menteeAccepted } }`;
const CLOSE = `mutation($id: ID!) { closePairing(id: $id) { id status } }`;
const MY_MENTORING = `{ myMentoring { offer { capacity placesTaken placesFree active } requests { id status } pairings { id status } } }`;

interface Match {
  mentor: { id: string; name: string | null; region: string | null };
  score: number;
  placesFree: number;
  regions: string[];
  components: { name: string; points: number; maxPoints: number; explanation: string }[];
  covers: { slug: string }[];
  offered: { competency: { slug: string }; level: string }[];
}

async function addMentor(label: string, input: Partial<EntryInput>, offer: { capacity: number; competencies: string[]; regions?: string[] } | null, verify = true): Promise<Mentor> {
  const headers = (await createKey(server.hub, 'CONTRIBUTOR', `Mentor ${label}`)).headers;
  const entryId = await registerThroughApi(server, headers, entryInput({ publicFields: ['NAME', 'REGION', 'ICB', 'STANDARDS', 'COMPETENCIES', 'MENTORING'], ...input }), verify ? admin : undefined);
  if (offer) {
    const offered = await server.graphql(OFFER, offer, headers);
    expect(offered.errors).toBeUndefined();
  }
  mentors[label] = { headers, entryId };
  return mentors[label];
}

/** A new CSO with a (not yet verified) register entry. */
async function addMentee(label: string, region = 'LONDON', icb: string | null = 'North East London Integrated Care Board') {
  const headers = (await createKey(server.hub, 'CONTRIBUTOR', `Mentee ${label}`)).headers;
  const entryId = await registerThroughApi(server, headers, entryInput({
    displayName: `New CSO ${label}`, registrationNumber: '24B1234C', registrationBody: 'NMC', region, icb, yearsAsCso: 0, publicFields: [],
    competencies: [{ competency: 'dcb-standards', level: 'FOUNDATION' }], trainingCompleted: ['nhse-digital-clinical-safety-essentials'],
  }));
  return { headers, entryId };
}

const GAPS = [
  { competency: 'hazard-workshop-leadership', targetLevel: 'PRACTITIONER' },
  { competency: 'safety-case-argument', targetLevel: 'PRACTITIONER' },
  { competency: 'hazard-analysis-methods', targetLevel: 'PRACTITIONER' },
];

beforeAll(async () => {
  server = await startTestServer();
  admin = (await createKey(server.hub, 'ADMIN', 'Mentoring admin')).headers;
  outsider = (await createKey(server.hub, 'CONTRIBUTOR', 'Unrelated key')).headers;
  const expert = (competency: string) => ({ competency, level: 'EXPERT' });
  const practitioner = (competency: string) => ({ competency, level: 'PRACTITIONER' });
  await addMentor('sameIcb', {
    displayName: 'Mentor Same ICB', registrationNumber: '7400001', region: 'LONDON', icb: 'NHS North East London ICB',
    competencies: [expert('hazard-workshop-leadership'), expert('safety-case-argument')],
  }, { capacity: 2, competencies: ['hazard-workshop-leadership', 'safety-case-argument'] });
  await addMentor('sameRegion', {
    displayName: 'Mentor Same Region', registrationNumber: '7400002', region: 'LONDON', icb: 'NHS South West London ICB',
    competencies: [practitioner('hazard-workshop-leadership'), expert('hazard-analysis-methods')],
  }, { capacity: 3, competencies: ['hazard-workshop-leadership', 'hazard-analysis-methods'] });
  await addMentor('offersLondon', {
    displayName: 'Mentor Offers London', registrationNumber: '7400003', region: 'SOUTH_EAST', icb: 'NHS Kent and Medway ICB', competencies: [expert('safety-case-argument')],
  }, { capacity: 1, competencies: ['safety-case-argument'], regions: ['LONDON', 'SOUTH_EAST'] });
  await addMentor('farAway', {
    displayName: 'Mentor Far Away', registrationNumber: '7400004', region: 'NORTH_WEST', icb: 'NHS Cheshire and Merseyside ICB',
    competencies: [expert('hazard-workshop-leadership'), expert('safety-case-argument'), expert('hazard-analysis-methods')],
  }, { capacity: 2, competencies: ['hazard-workshop-leadership', 'safety-case-argument', 'hazard-analysis-methods'] });
  await addMentor('unverified', {
    displayName: 'Mentor Unverified', registrationNumber: '7400005', region: 'LONDON', competencies: [expert('hazard-workshop-leadership')],
  }, { capacity: 2, competencies: ['hazard-workshop-leadership'] }, false);
  await addMentor('irrelevant', {
    displayName: 'Mentor Irrelevant', registrationNumber: '7400006', region: 'LONDON', competencies: [expert('procurement-and-contracts')],
  }, { capacity: 2, competencies: ['procurement-and-contracts'] });
});

afterAll(async () => {
  await server?.close();
});

describe('a new CSO finds three suitable mentors in their region', () => {
  let mentee: { headers: Record<string, string>; entryId: string };
  let requestId: string;

  test('self-assessment gives the gaps, and the mentoring request carries them', async () => {
    mentee = await addMentee('A');
    const assessment = await server.graphql<{ selfAssessment: { gaps: { competency: { slug: string }; targetLevel: string }[] } }>(
      `query($input: SelfAssessmentInput!) { selfAssessment(input: $input) { gaps { competency { slug } targetLevel } } }`,
      { input: { ratings: [
        { competency: 'hazard-workshop-leadership', level: 'FOUNDATION' }, { competency: 'safety-case-argument', level: null },
        { competency: 'hazard-analysis-methods', level: 'FOUNDATION' }, { competency: 'dcb-standards', level: 'PRACTITIONER' },
      ] } },
      mentee.headers,
    );
    const gaps = assessment.data!.selfAssessment.gaps.map((g) => ({ competency: g.competency.slug, targetLevel: g.targetLevel }));
    expect(gaps).toEqual([GAPS[1], GAPS[0], GAPS[2]]);

    const request = await server.graphql<{ requestMentoring: { id: string; status: string } }>(REQUEST, {
      goals: 'Chair my first hazard workshop and write a CSCR for a new e-prescribing module', gaps, region: 'LONDON', icb: 'North East London Integrated Care Board',
    }, mentee.headers);
    expect(request.errors).toBeUndefined();
    expect(request.data!.requestMentoring.status).toBe('OPEN');
    requestId = request.data!.requestMentoring.id;
  });

  test('mentorMatches ranks them by competency fit, region and capacity, explaining each score', async () => {
    const result = await server.graphql<{ mentorMatches: Match[] }>(MATCHES, { requestId, regionOnly: true, first: 3 }, mentee.headers);
    expect(result.errors).toBeUndefined();
    const matches = result.data!.mentorMatches;
    expect(matches.map((m) => m.mentor.id)).toEqual([mentors.sameIcb.entryId, mentors.sameRegion.entryId, mentors.offersLondon.entryId]);
    expect(matches.map((m) => m.score)).toEqual([80, 67, 50]);

    const [best, second, third] = matches;
    expect(best.mentor).toMatchObject({ name: 'Mentor Same ICB', region: 'LONDON' });
    expect(best.components).toEqual([
      { name: 'COMPETENCY_FIT', points: 40, maxPoints: 60, explanation: expect.stringMatching(/^Covers 2 of your 3 gaps: expert in .*Not covered: hazard analysis/) },
      { name: 'REGION', points: 25, maxPoints: 25, explanation: 'Works in your integrated care board (NHS North East London ICB)' },
      { name: 'CAPACITY', points: 15, maxPoints: 15, explanation: '2 of 2 mentoring places free' },
    ]);
    expect(best.covers.map((c) => c.slug)).toEqual(['safety-case-argument', 'hazard-workshop-leadership']);
    expect(second.components.map((c) => [c.name, c.points])).toEqual([['COMPETENCY_FIT', 32], ['REGION', 20], ['CAPACITY', 15]]);
    expect(second.components[0].explanation).toContain('at your target level in planning and chairing hazard workshops');
    expect(third.components[1].explanation).toBe('Offers mentoring in your region (London)');
    for (const match of matches) expect(match.score).toBe(match.components.reduce((sum, c) => sum + c.points, 0));

    // Without the region restriction the far-away expert ranks second on fit alone; unverified and irrelevant mentors never appear.
    const all = await server.graphql<{ mentorMatches: Match[] }>(MATCHES, { requestId }, mentee.headers);
    expect(all.data!.mentorMatches.map((m) => m.mentor.id)).toEqual([mentors.sameIcb.entryId, mentors.farAway.entryId, mentors.sameRegion.entryId, mentors.offersLondon.entryId]);
    expect(all.data!.mentorMatches[1].components[1]).toMatchObject({ points: 0, explanation: 'Based outside London and does not offer mentoring there' });
  });

  test('a pairing, once accepted by both, is recorded and counted against capacity', async () => {
    const proposed = await server.graphql<{ proposePairing: { id: string; status: string; menteeAccepted: boolean; mentorAccepted: boolean } }>(
      PROPOSE, { requestId, mentorEntryId: mentors.sameIcb.entryId }, mentee.headers,
    );
    expect(proposed.data!.proposePairing).toMatchObject({ status: 'PROPOSED', menteeAccepted: true, mentorAccepted: false });
    const pairingId = proposed.data!.proposePairing.id;

    // The mentor finds the proposal, reads the request and, as the other side of the pairing, the mentee's name.
    const theirs = await server.graphql<{ myMentoring: { pairings: { id: string; status: string }[] } }>(MY_MENTORING, {}, mentors.sameIcb.headers);
    expect(theirs.data!.myMentoring.pairings).toEqual([{ id: pairingId, status: 'PROPOSED' }]);
    const seen = await server.graphql<{ mentorshipPairing: { request: { goals: string; mentee: { name: string; registrationNumber: string | null } } } }>(
      `query($id: ID!) { mentorshipPairing(id: $id) { request { goals mentee { name registrationNumber } } } }`, { id: pairingId }, mentors.sameIcb.headers,
    );
    expect(seen.data!.mentorshipPairing.request).toEqual({ goals: expect.stringContaining('hazard workshop'), mentee: { name: 'New CSO A', registrationNumber: null } });

    const accepted = await server.graphql<{ acceptPairing: { status: string; mentorAccepted: boolean } }>(ACCEPT, { id: pairingId }, mentors.sameIcb.headers);
    expect(accepted.data!.acceptPairing).toEqual({ id: pairingId, status: 'ACTIVE', mentorAccepted: true, menteeAccepted: true });
    const offer = await server.graphql<{ myMentoring: { offer: { placesTaken: number; placesFree: number } } }>(MY_MENTORING, {}, mentors.sameIcb.headers);
    expect(offer.data!.myMentoring.offer).toMatchObject({ placesTaken: 1, placesFree: 1 });
    const request = await server.graphql<{ myMentoring: { requests: { id: string; status: string }[] } }>(MY_MENTORING, {}, mentee.headers);
    expect(request.data!.myMentoring.requests).toEqual([{ id: requestId, status: 'PAIRED' }]);

    // Matching the same request again leaves the paired mentor out; the export records the pairing.
    const again = await server.graphql<{ mentorMatches: Match[] }>(MATCHES, { requestId }, mentee.headers);
    expect(again.data!.mentorMatches.map((m) => m.mentor.id)).not.toContain(mentors.sameIcb.entryId);
    const exported = JSON.parse((await server.graphql<{ myRegisterEntry: { export: string } }>(`{ myRegisterEntry { export } }`, {}, mentee.headers)).data!.myRegisterEntry.export);
    expect(exported.mentoringRequests).toEqual([expect.objectContaining({ id: requestId, status: 'PAIRED', goals: expect.stringContaining('CSCR') })]);
    expect(exported.pairings).toEqual([expect.objectContaining({ id: pairingId, role: 'MENTEE', status: 'ACTIVE' })]);

    // Ending it frees the place and closes the request.
    const ended = await server.graphql<{ closePairing: { status: string } }>(CLOSE, { id: pairingId }, mentee.headers);
    expect(ended.data!.closePairing.status).toBe('ENDED');
    const freed = await server.graphql<{ myMentoring: { offer: { placesTaken: number } } }>(MY_MENTORING, {}, mentors.sameIcb.headers);
    expect(freed.data!.myMentoring.offer.placesTaken).toBe(0);
  });
});

describe('capacity', () => {
  test('two acceptances for a mentor with one place: exactly one pairing becomes active', async () => {
    const mentor = await addMentor('single', {
      displayName: 'Mentor Single Place', registrationNumber: '7400010', region: 'WALES', competencies: [{ competency: 'safety-case-argument', level: 'EXPERT' }],
    }, { capacity: 1, competencies: ['safety-case-argument'] });
    const pairingIds: string[] = [];
    for (const label of ['B', 'C']) {
      const mentee = await addMentee(label, 'WALES', null);
      const request = await server.graphql<{ requestMentoring: { id: string } }>(REQUEST, { goals: 'Learn to argue a safety case well', gaps: [GAPS[1]], region: 'WALES' }, mentee.headers);
      const proposed = await server.graphql<{ proposePairing: { id: string } }>(PROPOSE, { requestId: request.data!.requestMentoring.id, mentorEntryId: mentor.entryId }, mentee.headers);
      expect(proposed.errors).toBeUndefined();
      pairingIds.push(proposed.data!.proposePairing.id);
    }
    const results = await Promise.all(pairingIds.map((id) => server.graphql<{ acceptPairing: { status: string } }>(ACCEPT, { id }, mentor.headers)));
    expect(results.map((r) => r.data?.acceptPairing.status ?? codeOf(r)).sort()).toEqual(['ACTIVE', 'CONFLICT']);
    const offer = await server.graphql<{ myMentoring: { offer: { placesTaken: number; placesFree: number } } }>(MY_MENTORING, {}, mentor.headers);
    expect(offer.data!.myMentoring.offer).toEqual({ capacity: 1, placesTaken: 1, placesFree: 0, active: true });

    // A full mentor is no longer matched, and capacity cannot be cut below the mentees already taken on.
    const matches = await server.graphql<{ mentorMatches: Match[] }>(MATCHES, { input: { gaps: [GAPS[1]], region: 'WALES' } }, outsider);
    expect(matches.data!.mentorMatches.map((m) => m.mentor.id)).not.toContain(mentor.entryId);
    const reduced = await server.graphql(OFFER, { capacity: 1, competencies: ['safety-case-argument'] }, mentor.headers);
    expect(reduced.errors).toBeUndefined();
  });
});

describe('roles, for every mentoring query and mutation', () => {
  let mentee: { headers: Record<string, string>; entryId: string };
  let requestId: string;
  let pairingId: string;

  beforeAll(async () => {
    mentee = await addMentee('D');
    const request = await server.graphql<{ requestMentoring: { id: string } }>(REQUEST, { goals: 'Get better at hazard analysis methods', gaps: [GAPS[2]], region: 'LONDON' }, mentee.headers);
    requestId = request.data!.requestMentoring.id;
  });

  test('offerMentoring and withdrawMentoringOffer need the registrant\'s own entry, with the competencies at practitioner level', async () => {
    const args = { capacity: 2, competencies: ['hazard-analysis-methods'] };
    expect(codeOf(await server.graphql(OFFER, args, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(OFFER, args, outsider))).toBe('NOT_FOUND');
    const notHeld = await server.graphql(OFFER, args, mentee.headers);
    expect(codeOf(notHeld)).toBe('BAD_USER_INPUT');
    expect(notHeld.errors![0].extensions!.problems).toEqual([{ field: 'competencies[0]', message: expect.stringContaining('PRACTITIONER level or above') }]);
    expect(codeOf(await server.graphql(OFFER, { ...args, capacity: 0 }, mentors.sameRegion.headers))).toBe('BAD_USER_INPUT');

    const withdraw = `mutation { withdrawMentoringOffer { active placesTaken } }`;
    expect(codeOf(await server.graphql(withdraw, {}, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(withdraw, {}, mentee.headers))).toBe('NOT_FOUND');
    const irrelevant = await server.graphql<{ withdrawMentoringOffer: { active: boolean } }>(withdraw, {}, mentors.irrelevant.headers);
    expect(irrelevant.data!.withdrawMentoringOffer.active).toBe(false);
  });

  test('requestMentoring needs a key with a register entry, and checks its input', async () => {
    const args = { goals: 'Learn hazard analysis', gaps: [GAPS[2]], region: 'LONDON' };
    expect(codeOf(await server.graphql(REQUEST, args, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(REQUEST, args, outsider))).toBe('NOT_FOUND');
    const bad = await server.graphql(REQUEST, { ...args, goals: 'short', gaps: [{ competency: 'juggling' }] }, mentee.headers);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect((bad.errors![0].extensions!.problems as { field: string }[]).map((p) => p.field)).toEqual(['gaps[0].competency']);
  });

  test('mentoringRequest: the mentee, admins and mentors it was proposed to', async () => {
    const query = `query($id: ID!) { mentoringRequest(id: $id) { id goals } }`;
    expect(codeOf(await server.graphql(query, { id: requestId }, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(query, { id: requestId }, outsider))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(query, { id: requestId }, mentors.sameRegion.headers))).toBe('FORBIDDEN');
    expect((await server.graphql(query, { id: requestId }, mentee.headers)).errors).toBeUndefined();
    expect((await server.graphql(query, { id: requestId }, admin)).errors).toBeUndefined();
  });

  test('mentorMatches: a stored request for its mentee and admins; inline gaps for any key; never anonymous', async () => {
    expect(codeOf(await server.graphql(MATCHES, { requestId }, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(MATCHES, { requestId }, outsider))).toBe('FORBIDDEN');
    expect((await server.graphql(MATCHES, { requestId }, admin)).errors).toBeUndefined();
    expect((await server.graphql(MATCHES, { requestId }, mentee.headers)).errors).toBeUndefined();
    expect(codeOf(await server.graphql(MATCHES, { input: { gaps: [GAPS[2]], region: 'LONDON' } }, {}))).toBe('UNAUTHENTICATED');
    const inline = await server.graphql<{ mentorMatches: Match[] }>(MATCHES, { input: { gaps: [GAPS[2]], region: 'LONDON' } }, outsider);
    expect(inline.data!.mentorMatches.length).toBeGreaterThan(0);
    expect(codeOf(await server.graphql(MATCHES, {}, outsider))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.graphql(MATCHES, { requestId, input: { gaps: [GAPS[2]], region: 'LONDON' } }, outsider))).toBe('BAD_USER_INPUT');
  });

  test('proposePairing: the mentee or an admin; an admin\'s proposal needs both sides to accept', async () => {
    const args = { requestId, mentorEntryId: mentors.sameRegion.entryId };
    expect(codeOf(await server.graphql(PROPOSE, args, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(PROPOSE, args, outsider))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(PROPOSE, args, mentors.sameRegion.headers))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(PROPOSE, { requestId, mentorEntryId: mentors.unverified.entryId }, mentee.headers))).toBe('NOT_FOUND');
    expect(codeOf(await server.graphql(PROPOSE, { requestId, mentorEntryId: mentee.entryId }, mentee.headers))).toBe('NOT_FOUND');
    const byAdmin = await server.graphql<{ proposePairing: { id: string; menteeAccepted: boolean; mentorAccepted: boolean } }>(PROPOSE, args, admin);
    expect(byAdmin.data!.proposePairing).toMatchObject({ menteeAccepted: false, mentorAccepted: false });
    pairingId = byAdmin.data!.proposePairing.id;
    expect(codeOf(await server.graphql(PROPOSE, args, mentee.headers))).toBe('CONFLICT');
  });

  test('mentorshipPairing and acceptPairing: only the two sides (an admin cannot accept for them)', async () => {
    const read = `query($id: ID!) { mentorshipPairing(id: $id) { id status } }`;
    expect(codeOf(await server.graphql(read, { id: pairingId }, outsider))).toBe('FORBIDDEN');
    for (const headers of [mentee.headers, mentors.sameRegion.headers, admin]) expect((await server.graphql(read, { id: pairingId }, headers)).errors).toBeUndefined();

    expect(codeOf(await server.graphql(ACCEPT, { id: pairingId }, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(ACCEPT, { id: pairingId }, outsider))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(ACCEPT, { id: pairingId }, admin))).toBe('FORBIDDEN');
    const byMentee = await server.graphql<{ acceptPairing: { status: string } }>(ACCEPT, { id: pairingId }, mentee.headers);
    expect(byMentee.data!.acceptPairing.status).toBe('PROPOSED');
    const byMentor = await server.graphql<{ acceptPairing: { status: string } }>(ACCEPT, { id: pairingId }, mentors.sameRegion.headers);
    expect(byMentor.data!.acceptPairing.status).toBe('ACTIVE');
    expect(codeOf(await server.graphql(ACCEPT, { id: pairingId }, mentee.headers))).toBe('CONFLICT');
  });

  test('closePairing: either side or an admin', async () => {
    expect(codeOf(await server.graphql(CLOSE, { id: pairingId }, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(CLOSE, { id: pairingId }, outsider))).toBe('FORBIDDEN');
    expect((await server.graphql<{ closePairing: { status: string } }>(CLOSE, { id: pairingId }, admin)).data!.closePairing.status).toBe('ENDED');
    expect(codeOf(await server.graphql(CLOSE, { id: pairingId }, mentee.headers))).toBe('CONFLICT');
  });

  test('withdrawMentoringRequest: the mentee or an admin; the request and its pairings are deleted', async () => {
    const withdraw = `mutation($id: ID!) { withdrawMentoringRequest(id: $id) }`;
    expect(codeOf(await server.graphql(withdraw, { id: requestId }, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(withdraw, { id: requestId }, outsider))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(withdraw, { id: requestId }, mentors.sameRegion.headers))).toBe('FORBIDDEN');
    expect((await server.graphql<{ withdrawMentoringRequest: boolean }>(withdraw, { id: requestId }, mentee.headers)).data!.withdrawMentoringRequest).toBe(true);
    expect(codeOf(await server.graphql(`query($id: ID!) { mentoringRequest(id: $id) { id } }`, { id: requestId }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await server.graphql(`query($id: ID!) { mentorshipPairing(id: $id) { id } }`, { id: pairingId }, admin))).toBe('NOT_FOUND');
  });

  test('myMentoring needs a key; a key without an entry has nothing', async () => {
    expect(codeOf(await server.graphql(MY_MENTORING, {}, {}))).toBe('UNAUTHENTICATED');
    expect((await server.graphql<{ myMentoring: unknown }>(MY_MENTORING, {}, outsider)).data!.myMentoring).toEqual({ offer: null, requests: [], pairings: [] });
  });

  test('a mentor who erases their entry frees their mentee, whose request opens again', async () => {
    const mentor = await addMentor('leaving', {
      displayName: 'Mentor Leaving', registrationNumber: '7400020', region: 'SCOTLAND', competencies: [{ competency: 'dcb-standards', level: 'EXPERT' }],
    }, { capacity: 1, competencies: ['dcb-standards'] });
    const menteeE = await addMentee('E', 'SCOTLAND', null);
    const request = await server.graphql<{ requestMentoring: { id: string } }>(REQUEST, { goals: 'Understand both standards properly', gaps: [{ competency: 'dcb-standards', targetLevel: 'EXPERT' }], region: 'SCOTLAND' }, menteeE.headers);
    const proposed = await server.graphql<{ proposePairing: { id: string } }>(PROPOSE, { requestId: request.data!.requestMentoring.id, mentorEntryId: mentor.entryId }, menteeE.headers);
    await server.graphql(ACCEPT, { id: proposed.data!.proposePairing.id }, mentor.headers);

    expect((await server.graphql(`mutation($id: ID!) { eraseRegisterEntry(id: $id) { erasedAt } }`, { id: mentor.entryId }, mentor.headers)).errors).toBeUndefined();
    const after = await server.graphql<{ myMentoring: { requests: { status: string }[]; pairings: unknown[] } }>(MY_MENTORING, {}, menteeE.headers);
    expect(after.data!.myMentoring).toEqual({ offer: null, requests: [{ id: request.data!.requestMentoring.id, status: 'OPEN' }], pairings: [] });
  });
});
