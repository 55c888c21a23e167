import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.js';
import { fromGlobalId } from '../../src/graphql/node.js';
import { createLogger } from '../../src/logger.js';
import { createKey } from '../support/contributions.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';
import {
  codeOf, CREATE_ENTRY, ENTRY_FIELDS, ENTRY_SELECTION, entryInput, ERASE_ENTRY, READ_ENTRY, registerThroughApi, UPDATE_ENTRY, VERIFY_ENTRY, type EntryField,
} from './support.js';

/**
 * The CSO register holds personal data, so every field and every operation is checked for every kind of
 * caller: anonymous, another registrant, the registrant and an admin. The hub logs at trace level throughout
 * (every SQL statement included) so the suite can check that no name or registration number is ever logged.
 */
type Caller = 'anonymous' | 'otherRegistrant' | 'registrant' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'otherRegistrant', 'registrant', 'admin'];

const logLines: string[] = [];
/** Every name and registration number given to the register in this suite. */
const personalValues = new Set<string>();
let server: TestServer;
const headers = {} as Record<Caller, Record<string, string>>;
let secondAdmin: Record<string, string>;

function remember<T extends { displayName: string; registrationNumber: string }>(input: T): T {
  personalValues.add(input.displayName);
  personalValues.add(input.registrationNumber);
  return input;
}

beforeAll(async () => {
  const logger = createLogger({ logLevel: 'trace' }, { write: (line: string) => void logLines.push(line) });
  server = await startTestServer({ logger });
  headers.anonymous = {};
  headers.otherRegistrant = (await createKey(server.hub, 'CONTRIBUTOR', 'Other registrant key')).headers;
  headers.registrant = (await createKey(server.hub, 'CONTRIBUTOR', 'Registrant key')).headers;
  headers.admin = (await createKey(server.hub, 'ADMIN', 'Register admin')).headers;
  secondAdmin = (await createKey(server.hub, 'ADMIN', 'Second register admin')).headers;
});

afterAll(async () => {
  await server?.close();
});

describe('field visibility, for every field and every caller', () => {
  let entryId: string;
  const input = remember(entryInput({ displayName: 'Robin Visibility', registrationNumber: '7000001' }));
  const publicFields = new Set(input.publicFields);

  async function read(caller: Caller) {
    const result = await server.graphql<{ registerEntry: Record<string, unknown> | null }>(READ_ENTRY, { id: entryId }, headers[caller]);
    expect(result.errors).toBeUndefined();
    return result.data!.registerEntry;
  }

  const expected: Record<EntryField, unknown> = {
    name: input.displayName,
    registrationBody: 'GMC',
    registrationNumber: input.registrationNumber,
    organisationType: input.organisationType,
    region: input.region,
    icb: input.icb,
    standards: input.standards,
    yearsAsCso: input.yearsAsCso,
    competencies: [{ competency: { slug: 'dcb-standards' }, level: 'PRACTITIONER' }],
    trainingCompleted: [{ slug: 'nhse-digital-clinical-safety-practitioner' }],
    otherTraining: input.otherTraining,
    availableForMentoring: false,
    publicFields: input.publicFields,
  };

  beforeAll(async () => {
    entryId = await registerThroughApi(server, headers.registrant, input);
  });

  test('before verification only the registrant and admins see the entry at all', async () => {
    expect(await read('anonymous')).toBeNull();
    expect(await read('otherRegistrant')).toBeNull();
    for (const caller of ['registrant', 'admin'] as const) {
      const entry = await read(caller);
      for (const [field, value] of Object.entries(expected)) expect([caller, field, entry![field]]).toEqual([caller, field, value]);
      expect(entry!.verified).toBe(false);
    }
  });

  test('after verification each field is shown to everyone only if the registrant made it public', async () => {
    const verified = await server.graphql(VERIFY_ENTRY, { id: entryId, verified: true }, headers.admin);
    expect(verified.errors).toBeUndefined();
    for (const caller of CALLERS) {
      const entry = await read(caller);
      const sees = (field: EntryField) => caller === 'registrant' || caller === 'admin' || (field !== 'publicFields' && publicFields.has(ENTRY_FIELDS[field]));
      for (const [field, value] of Object.entries(expected) as [EntryField, unknown][]) {
        expect([caller, field, entry![field]]).toEqual([caller, field, sees(field) ? value : null]);
      }
      expect(entry!.verified).toBe(true);
      expect(new Set(entry!.visibleFields as string[])).toEqual(caller === 'registrant' || caller === 'admin' ? new Set(Object.values(ENTRY_FIELDS)) : publicFields);
    }
  });

  test('search shows the same fields as reading the entry', async () => {
    for (const caller of CALLERS) {
      const result = await server.graphql<{ registerEntries: { edges: { node: Record<string, unknown> }[] } }>(
        `{ registerEntries(first: 100, filter: { region: LONDON }) { edges { node { ${ENTRY_SELECTION} } } } }`, {}, headers[caller],
      );
      const found = result.data!.registerEntries.edges.map((e) => e.node).find((n) => n.id === entryId)!;
      expect(found).toEqual(await read(caller));
    }
  });
});

describe('mutations, for every caller', () => {
  let entryId: string;
  const input = remember(entryInput({ displayName: 'Sam Mutations', registrationNumber: '12A3456B', registrationBody: 'NMC' }));

  beforeAll(async () => {
    entryId = await registerThroughApi(server, headers.otherRegistrant, input);
  });

  test('createRegisterEntry needs a key, and a key has one entry', async () => {
    expect(codeOf(await server.graphql(CREATE_ENTRY, { input: entryInput() }, headers.anonymous))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(CREATE_ENTRY, { input: entryInput() }, headers.otherRegistrant))).toBe('CONFLICT');
  });

  test('updateRegisterEntry: the registrant and admins only; a new name withdraws verification', async () => {
    const changed = { ...input, yearsAsCso: 5 };
    expect(codeOf(await server.graphql(UPDATE_ENTRY, { id: entryId, input: changed }, headers.anonymous))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(UPDATE_ENTRY, { id: entryId, input: changed }, headers.registrant))).toBe('FORBIDDEN');
    const byOwner = await server.graphql<{ updateRegisterEntry: { yearsAsCso: number } }>(UPDATE_ENTRY, { id: entryId, input: changed }, headers.otherRegistrant);
    expect(byOwner.data?.updateRegisterEntry.yearsAsCso).toBe(5);
    const byAdmin = await server.graphql<{ updateRegisterEntry: { yearsAsCso: number } }>(UPDATE_ENTRY, { id: entryId, input: { ...changed, yearsAsCso: 6 } }, headers.admin);
    expect(byAdmin.data?.updateRegisterEntry.yearsAsCso).toBe(6);

    await server.graphql(VERIFY_ENTRY, { id: entryId, verified: true }, headers.admin);
    const renamed = remember({ ...changed, displayName: 'Sam Renamed', registrationNumber: input.registrationNumber });
    const afterRename = await server.graphql<{ updateRegisterEntry: { verified: boolean; name: string } }>(UPDATE_ENTRY, { id: entryId, input: renamed }, headers.otherRegistrant);
    expect(afterRename.data?.updateRegisterEntry).toMatchObject({ verified: false, name: 'Sam Renamed' });
  });

  test('verifyRegisterEntry: admins only, and never their own entry', async () => {
    expect(codeOf(await server.graphql(VERIFY_ENTRY, { id: entryId }, headers.anonymous))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(VERIFY_ENTRY, { id: entryId }, headers.registrant))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(VERIFY_ENTRY, { id: entryId }, headers.otherRegistrant))).toBe('FORBIDDEN');
    const byAdmin = await server.graphql<{ verifyRegisterEntry: { verified: boolean } }>(VERIFY_ENTRY, { id: entryId }, headers.admin);
    expect(byAdmin.data?.verifyRegisterEntry.verified).toBe(true);
    const unverified = await server.graphql<{ verifyRegisterEntry: { verified: boolean } }>(VERIFY_ENTRY, { id: entryId, verified: false }, headers.admin);
    expect(unverified.data?.verifyRegisterEntry.verified).toBe(false);

    const adminsOwn = await registerThroughApi(server, headers.admin, remember(entryInput({ displayName: 'Alex Adminself', registrationNumber: '7000002' })));
    expect(codeOf(await server.graphql(VERIFY_ENTRY, { id: adminsOwn }, headers.admin))).toBe('FORBIDDEN');
    expect((await server.graphql(VERIFY_ENTRY, { id: adminsOwn }, secondAdmin)).errors).toBeUndefined();
  });

  test('the review queue of unverified entries is for admins only', async () => {
    const queue = `{ registerEntries(first: 100, filter: { status: UNVERIFIED }) { totalCount edges { node { id verified } } } }`;
    expect(codeOf(await server.graphql(queue, {}, headers.anonymous))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(queue, {}, headers.registrant))).toBe('FORBIDDEN');
    const byAdmin = await server.graphql<{ registerEntries: { edges: { node: { id: string; verified: boolean } }[] } }>(queue, {}, headers.admin);
    expect(byAdmin.data!.registerEntries.edges.map((e) => e.node.id)).toContain(entryId);
    for (const edge of byAdmin.data!.registerEntries.edges) expect(edge.node.verified).toBe(false);
  });

  test('eraseRegisterEntry: the registrant or an admin', async () => {
    const key = (await createKey(server.hub, 'CONTRIBUTOR', 'Leaving registrant')).headers;
    const id = await registerThroughApi(server, key, remember(entryInput({ displayName: 'Jo Leaving', registrationNumber: '7000003' })));
    expect(codeOf(await server.graphql(ERASE_ENTRY, { id }, headers.anonymous))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(ERASE_ENTRY, { id }, headers.registrant))).toBe('FORBIDDEN');
    expect((await server.graphql(ERASE_ENTRY, { id }, headers.admin)).errors).toBeUndefined();
    expect(codeOf(await server.graphql(ERASE_ENTRY, { id }, key))).toBe('NOT_FOUND');
  });

  test('bad input is named by argument, without echoing personal data', async () => {
    const result = await server.graphql(CREATE_ENTRY, {
      input: entryInput({ registrationNumber: 'GMC 99-XYZ', yearsAsCso: 80, competencies: [{ competency: 'juggling', level: 'EXPERT' }], trainingCompleted: ['made-up-course'] }),
    }, (await createKey(server.hub, 'CONTRIBUTOR', 'Careless registrant')).headers);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    const problems = result.errors![0].extensions!.problems as { field: string; message: string }[];
    expect(problems.map((p) => p.field)).toEqual(['input.registrationNumber', 'input.yearsAsCso', 'input.competencies[0].competency', 'input.trainingCompleted[0]']);
    expect(JSON.stringify(result.errors)).not.toContain('99-XYZ');
  });
});

describe('search', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const seed = async (label: string, overrides: Parameters<typeof entryInput>[0], verify: boolean) => {
      const key = (await createKey(server.hub, 'CONTRIBUTOR', `Search ${label}`)).headers;
      ids[label] = await registerThroughApi(server, key, remember(entryInput(overrides)), verify ? headers.admin : undefined);
    };
    await seed('deployer', { displayName: 'Dana Deployer', registrationNumber: '7100001', standards: ['DCB0160'], region: 'NORTH_WEST' }, true);
    await seed('bothStandards', { displayName: 'Bo Both', registrationNumber: '7100002', standards: ['DCB0129', 'DCB0160'], region: 'MIDLANDS', competencies: [{ competency: 'hazard-analysis-methods', level: 'EXPERT' }] }, true);
    await seed('manufacturer', { displayName: 'Max Maker', registrationNumber: '7100003', standards: ['DCB0129'], organisationType: 'MANUFACTURER', competencies: [{ competency: 'hazard-analysis-methods', level: 'FOUNDATION' }] }, true);
    await seed('unverified', { displayName: 'Uma Unverified', registrationNumber: '7100004', standards: ['DCB0160'] }, false);
    await seed('privateStandards', { displayName: 'Pat Private', registrationNumber: '7100005', standards: ['DCB0160'], publicFields: ['NAME', 'REGION'] }, true);
  });

  test('verified CSOs with DCB0160 experience, over GraphQL, anonymously', async () => {
    const result = await server.graphql<{ registerEntries: { totalCount: number; edges: { node: { id: string; name: string; standards: string[]; verified: boolean } }[] } }>(
      `{ registerEntries(first: 100, filter: { standard: DCB0160 }) { totalCount edges { node { id name standards verified } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const found = result.data!.registerEntries.edges.map((e) => e.node);
    const foundIds = found.map((n) => n.id);
    expect(foundIds).toEqual(expect.arrayContaining([ids.deployer, ids.bothStandards]));
    // Not verified, DCB0129 only, or standards kept private: not listed, so the search reveals nothing hidden.
    for (const hidden of [ids.unverified, ids.manufacturer, ids.privateStandards]) expect(foundIds).not.toContain(hidden);
    for (const node of found) expect([node.verified, node.standards]).toEqual([true, expect.arrayContaining(['DCB0160'])]);
    expect(result.data!.registerEntries.totalCount).toBe(found.length);
  });

  test('by region and by competency at a minimum level', async () => {
    const byRegion = await server.graphql<{ registerEntries: { edges: { node: { id: string; region: string } }[] } }>(`{ registerEntries(first: 100, filter: { region: MIDLANDS }) { edges { node { id region } } } }`);
    expect(byRegion.data!.registerEntries.edges.map((e) => e.node.id)).toEqual([ids.bothStandards]);

    const experts = await server.graphql<{ registerEntries: { edges: { node: { id: string } }[] } }>(
      `{ registerEntries(first: 100, filter: { competency: "hazard-analysis-methods", minimumLevel: PRACTITIONER }) { edges { node { id } } } }`,
    );
    expect(experts.data!.registerEntries.edges.map((e) => e.node.id)).toEqual([ids.bothStandards]);
    const anyLevel = await server.graphql<{ registerEntries: { edges: { node: { id: string } }[] } }>(
      `{ registerEntries(first: 100, filter: { competency: "hazard-analysis-methods" }) { edges { node { id } } } }`,
    );
    expect(anyLevel.data!.registerEntries.edges.map((e) => e.node.id).sort()).toEqual([ids.bothStandards, ids.manufacturer].sort());
  });

  test('a filter on a private field finds nothing for others but everything for an admin', async () => {
    // ORGANISATION_TYPE is private in every seeded entry.
    const query = `{ registerEntries(first: 100, filter: { organisationType: MANUFACTURER }) { edges { node { id } } } }`;
    expect((await server.graphql<{ registerEntries: { edges: unknown[] } }>(query)).data!.registerEntries.edges).toEqual([]);
    const byAdmin = await server.graphql<{ registerEntries: { edges: { node: { id: string } }[] } }>(query, {}, headers.admin);
    expect(byAdmin.data!.registerEntries.edges.map((e) => e.node.id)).toContain(ids.manufacturer);
  });
});

describe('export and erasure', () => {
  test('myRegisterEntry: the whole entry and a JSON export, for the registrant only', async () => {
    const key = (await createKey(server.hub, 'CONTRIBUTOR', 'Exporting registrant')).headers;
    const input = remember(entryInput({ displayName: 'Eve Exporter', registrationNumber: '7200001', publicFields: [] }));
    await registerThroughApi(server, key, input);
    const query = `{ myRegisterEntry { entry { name registrationNumber publicFields } export } }`;
    expect(codeOf(await server.graphql(query, {}, headers.anonymous))).toBe('UNAUTHENTICATED');
    const noEntry = await server.graphql<{ myRegisterEntry: unknown }>(query, {}, (await createKey(server.hub, 'CONTRIBUTOR', 'No entry')).headers);
    expect(noEntry.data!.myRegisterEntry).toBeNull();

    const mine = await server.graphql<{ myRegisterEntry: { entry: { name: string; registrationNumber: string; publicFields: string[] }; export: string } }>(query, {}, key);
    expect(mine.data!.myRegisterEntry.entry).toEqual({ name: input.displayName, registrationNumber: input.registrationNumber, publicFields: [] });
    const exported = JSON.parse(mine.data!.myRegisterEntry.export);
    expect(exported.format).toBe('dcs-hub-register-export/1');
    expect(exported.entry).toMatchObject({
      displayName: input.displayName, registrationBody: 'GMC', registrationNumber: input.registrationNumber, region: input.region, icb: input.icb, standards: input.standards,
      yearsAsCso: input.yearsAsCso, competencies: input.competencies, trainingCompleted: input.trainingCompleted, otherTraining: input.otherTraining, verified: false,
    });
    expect(exported).toMatchObject({ mentorOffer: null, mentoringRequests: [], pairings: [] });
  });

  test('erasure deletes the entry and everything hanging off it, leaving only an audit record without personal data', async () => {
    const key = await createKey(server.hub, 'CONTRIBUTOR', 'Erasing registrant');
    const input = remember(entryInput({ displayName: 'Ezra Erasable', registrationNumber: '7300001', competencies: [{ competency: 'dcb-standards', level: 'EXPERT' }] }));
    const id = await registerThroughApi(server, key.headers, input, headers.admin);
    const offered = await server.graphql(`mutation { offerMentoring(capacity: 2, competencies: ["dcb-standards"]) { capacity } }`, {}, key.headers);
    expect(offered.errors).toBeUndefined();
    const requested = await server.graphql(
      `mutation { requestMentoring(goals: "Get better at chairing hazard workshops", gaps: [{ competency: "hazard-workshop-leadership" }], region: LONDON) { id } }`, {}, key.headers,
    );
    expect(requested.errors).toBeUndefined();
    const entryDbId = Number(fromGlobalId(id).key);

    const erased = await server.graphql<{ eraseRegisterEntry: { auditSequence: number } }>(ERASE_ENTRY, { id }, key.headers);
    expect(erased.errors).toBeUndefined();

    expect((await server.graphql<{ registerEntry: unknown }>(READ_ENTRY, { id }, headers.admin)).data!.registerEntry).toBeNull();
    const em = server.hub.db.orm.em.fork();
    const [remaining] = await em.execute<{ entries: string; competencies: string; offers: string; requests: string }[]>(
      `select (select count(*) from cso_register_entry where id = ?) as entries, (select count(*) from cso_register_competency where entry_id = ?) as competencies,
              (select count(*) from mentor_offer where entry_id = ?) as offers, (select count(*) from mentoring_request where mentee_entry_id = ?) as requests`,
      [entryDbId, entryDbId, entryDbId, entryDbId],
    );
    expect(Object.values(remaining).map(Number)).toEqual([0, 0, 0, 0]);

    // The audit log keeps what happened to the entry, and nothing about who it was.
    const audit = await em.execute<Record<string, unknown>[]>(`select * from audit_log where target_kind = 'REGISTER_ENTRY' and target_key = ? order by id`, [String(entryDbId)]);
    expect(audit.map((a) => a.action)).toEqual(['REGISTER_ENTRY_CREATED', 'REGISTER_ENTRY_VERIFIED', 'MENTOR_OFFER_SAVED', 'REGISTER_ENTRY_ERASED']);
    expect(Number(audit.at(-1)!.id)).toBe(erased.data!.eraseRegisterEntry.auditSequence);
    const everything = JSON.stringify(await em.execute('select * from audit_log'));
    for (const value of [input.displayName, input.registrationNumber, input.icb!]) expect(everything).not.toContain(value);
    // Register actions name the key by number: key names are often people's names.
    const registerAudit = JSON.stringify(await em.execute(`select * from audit_log where target_kind in ('REGISTER_ENTRY', 'MENTORING_REQUEST', 'MENTORSHIP_PAIRING')`));
    expect(registerAudit).not.toContain('Erasing registrant');
    expect((await verifyAuditChain(em)).ok).toBe(true);

    // The rest of the database holds nothing of the entry either.
    const tables = await em.execute<{ table_name: string }[]>(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    for (const { table_name: table } of tables) {
      const rows = JSON.stringify(await em.execute(`select * from "${table}"`));
      expect([table, rows.includes(input.displayName) || rows.includes(input.registrationNumber)]).toEqual([table, false]);
    }
  });
});

describe('logs', () => {
  test('no name or registration number given to the register was ever logged, even at trace level', () => {
    expect(logLines.length).toBeGreaterThan(100);
    const log = logLines.join('\n');
    expect(personalValues.size).toBeGreaterThan(10);
    for (const value of personalValues) expect([value, log.includes(value)]).toEqual([value, false]);
  });
});
