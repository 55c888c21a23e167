#!/usr/bin/env node
// The hub's benchmark: generates a corpus, times a cold and an unchanged ingest, starts the hub in its own
// process, times start-up to first answer, then loads it with autocannon from this process and checks every
// response body (a fast error is not a result). Prints a table and writes it as JSON.
//
//   npm run bench                                   # 10k documents, PGlite (or DATABASE_URL when set)
//   npm run bench -- --docs 100000                  # the large run
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    port: { type: 'string', default: '4100' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log('Usage: npm run bench -- [--docs N] [--connections N] [--duration SECONDS] [--port N]\nUses DATABASE_URL when set (a fresh database is created beside it), else PGlite in .bench/.');
  process.exit(0);
}

const docs = Number(values.docs);
const connections = Number(values.connections);
const duration = Number(values.duration);
const port = Number(values.port);
const benchDir = '.bench';
mkdirSync(benchDir, { recursive: true });

const corpusDir = join(benchDir, `corpus-${docs}-${values.seed}`);
if (!existsSync(join(corpusDir, 'taxonomy.md'))) {
  step(`generating a ${docs}-document corpus`);
  run(process.execPath, ['scripts/generate-corpus.mjs', '--docs', String(docs), '--seed', values.seed, '--out', corpusDir]);
}

// The load generator is one client address: rate limits would turn the measurement into a measurement of 429s.
const env = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', CONTENT_DIR: corpusDir, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_KEY: '0' };
let database;
if (process.env.DATABASE_URL) {
  const name = `dcs_hub_bench_${docs}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  database = `PostgreSQL (${url.host})`;
} else {
  const dataDir = join(benchDir, `pglite-${docs}`);
  rmSync(dataDir, { recursive: true, force: true });
  env.DATA_DIR = dataDir;
  database = 'PGlite (embedded)';
}

step(`cold ingest into ${database}`);
const coldIngest = timed(() => run(process.execPath, ['bin/dcs-hub.js', 'ingest', '--content', corpusDir], env));
step(`unchanged re-ingest`);
const warmIngest = timed(() => run(process.execPath, ['bin/dcs-hub.js', 'ingest', '--content', corpusDir], env));

step('starting the hub');
const startedAt = performance.now();
// The hub starts exactly as `npm start` starts it (its node flags included), without npm between it and the RSS sampler.
const startArgs = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start.split(/\s+/).slice(1);
const hub = spawn(process.execPath, startArgs, { env, stdio: ['ignore', 'pipe', 'inherit'] });
hub.stdout.resume();
const base = `http://127.0.0.1:${port}`;
await waitForFirstAnswer(base);
const startupMs = performance.now() - startedAt;

let distinctQueryCounter = 0;
let distinctPageCounter = 0;
const safetyCaseCount = (await post(base, JSON.stringify({ query: '{ safetyCases(first: 1) { totalCount } }' }))).data.safetyCases.totalCount;
const DISTINCT_QUERY_WORDS = [
  'hazard', 'patient', 'wrong', 'alert', 'fatigue', 'allergy', 'prescribing', 'dose', 'interface', 'mapping', 'results', 'delayed',
  'referral', 'discharge', 'summary', 'identity', 'matching', 'duplicate', 'record', 'downtime', 'outage', 'backup', 'integration',
  'message', 'laboratory', 'imaging', 'report', 'triage', 'urgent', 'escalation', 'observation', 'sepsis', 'early', 'warning', 'score',
  'deployment', 'training', 'configuration', 'change', 'release', 'testing', 'validation', 'evidence', 'control', 'mitigation',
  'residual', 'risk', 'severity', 'likelihood', 'acceptable', 'officer', 'clinical', 'safety', 'case', 'plan', 'log', 'management',
  'incident', 'learning', 'supplier', 'trust', 'manufacturer', 'decommissioning', 'migration', 'data', 'quality', 'access', 'role',
  'mobile', 'remote', 'monitoring', 'portal', 'booking', 'appointment', 'ambulance', 'dispatch', 'maternity', 'paediatric', 'mental',
  'health', 'community', 'pharmacy', 'medicines', 'reconciliation', 'order', 'cancelled', 'display', 'truncated', 'units', 'weight',
  'calculation', 'decision', 'support', 'algorithm', 'model', 'bias', 'audit', 'governance', 'board', 'sign', 'off', 'workshop',
];

const scenarios = [
  { name: 'baseline { __typename }', query: '{ __typename }', check: (d) => d.__typename === 'Query' },
  {
    name: 'ranked search + facets',
    query: 'query($q: String!) { search(query: $q, first: 10) { totalCount suggestions facets { kind { value count } standard { value count } topic { value count } systemType { value count } setting { value count } } edges { node { score highlight document { title url kind } } } } }',
    variables: { q: 'wrong patient selected' },
    check: (d) => d.search.edges.length > 0 && d.search.facets.kind.length > 0,
  },
  {
    // Every request a different question, so the hub's answer cache cannot help: what a first-time query costs.
    name: 'ranked search + facets, all different (uncached)',
    query: 'query($q: String!) { search(query: $q, first: 10) { totalCount suggestions facets { kind { value count } standard { value count } topic { value count } systemType { value count } setting { value count } } edges { node { score highlight document { title url kind } } } } }',
    variables: () => ({ q: distinctQuery() }),
    check: (d) => Number.isInteger(d.search.totalCount) && Array.isArray(d.search.edges) && d.search.facets.kind !== undefined,
  },
  {
    name: 'search-as-you-type prefix',
    query: 'query($q: String!) { search(query: $q, first: 5) { edges { node { document { title url } } } } }',
    variables: { q: 'interface mapp' },
    check: (d) => d.search.edges.length > 0,
  },
  {
    name: 'clause lookup',
    query: '{ clause(standard: "DCB0129", number: "2.3.1") { number title summary obligation counterpart { number title } parent { number } } }',
    check: (d) => d.clause?.number === '2.3.1',
  },
  {
    name: 'safety cases (50) with hazards + clauses',
    query: '{ safetyCases(first: 50) { totalCount edges { node { slug title hazards { code title status residualRisk { rating } clauses { number title } } clauses { number title } } } } }',
    check: (d) => d.safetyCases.edges.length === Math.min(50, d.safetyCases.totalCount) && d.safetyCases.edges.every((e) => e.node.hazards.length >= 6),
  },
  {
    // A different page of the list on every request: what the list costs when no kept answer can serve it.
    name: 'safety cases (50) with hazards + clauses, a different page each time (uncached)',
    query: 'query($after: String) { safetyCases(first: 50, after: $after) { totalCount edges { node { slug title hazards { code title status residualRisk { rating } clauses { number title } } clauses { number title } } } } }',
    variables: () => ({ after: Buffer.from(`o:${distinctPageCounter++ % Math.max(1, safetyCaseCount - 1)}`, 'utf8').toString('base64url') }),
    check: (d) => d.safetyCases.edges.length > 0 && d.safetyCases.edges.every((e) => e.node.hazards.length >= 1),
  },
  {
    name: 'blueprint render (markdown)',
    query: 'query($v: JSONObject) { blueprint(slug: "generated-blueprint-0") { render(format: MARKDOWN, variables: $v) { fileName content } } }',
    variables: { v: { productName: 'Bench EPR' } },
    check: (d) => d.blueprint.render.content.includes('Bench EPR'),
  },
];

const results = [];
try {
  for (const scenario of scenarios) {
    step(`load: ${scenario.name}`);
    results.push(await load(base, scenario));
  }
} finally {
  hub.kill('SIGTERM');
}

const baseline = results[0].requestsPerSecond;
const table = results.map((r) => ({ ...r, ratioToBaseline: r.requestsPerSecond / baseline }));
const report = {
  date: new Date().toISOString(),
  command: `npm run bench -- --docs ${docs}${process.env.DATABASE_URL ? ' (DATABASE_URL set)' : ''}`,
  database,
  documents: docs,
  connections,
  durationSeconds: duration,
  node: process.version,
  coldIngestSeconds: coldIngest / 1000,
  unchangedReingestSeconds: warmIngest / 1000,
  startupToFirstAnswerSeconds: startupMs / 1000,
  scenarios: table,
};
const outFile = values.out ?? join(benchDir, `results-${docs}-${process.env.DATABASE_URL ? 'postgres' : 'pglite'}.json`);
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

console.log(`\nDCS Hub benchmark: ${docs} documents on ${database}, ${connections} connections, ${duration}s per query, node ${process.version}`);
console.log(`cold ingest ${(coldIngest / 1000).toFixed(1)}s | unchanged re-ingest ${(warmIngest / 1000).toFixed(1)}s | start-up to first answer ${(startupMs / 1000).toFixed(1)}s\n`);
console.log('| query | req/s | p50 ms | p99 ms | errors | bad bodies | max RSS MB | vs baseline |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of table) {
  console.log(`| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.badBodies} | ${r.maxRssMb.toFixed(0)} | ${(r.ratioToBaseline * 100).toFixed(0)}% |`);
}
console.log(`\nwritten to ${outFile}`);
if (table.some((r) => r.badBodies > 0 || r.errors > 0)) process.exitCode = 1;

async function load(baseUrl, scenario) {
  const bodyOf = () => JSON.stringify({ query: scenario.query, variables: typeof scenario.variables === 'function' ? scenario.variables() : scenario.variables ?? {} });
  const body = bodyOf();
  // One request first: a query that fails outright is reported as such, not measured.
  const probe = await post(baseUrl, body);
  if (probe.errors || !scenario.check(probe.data)) throw new Error(`${scenario.name}: unexpected answer ${JSON.stringify(probe).slice(0, 400)}`);
  let badBodies = 0;
  let maxRss = 0;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssOf(hub.pid));
  }, 100);
  const result = await autocannon({
    url: `${baseUrl}/graphql`,
    connections,
    duration,
    // A second of the same load first, unmeasured: the hub's JIT and caches warm up on every scenario alike.
    warmup: { connections, duration: 1 },
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        ...(typeof scenario.variables === 'function' ? { setupRequest: (request) => ({ ...request, body: bodyOf() }) } : {}),
        onResponse: (status, responseBody) => {
          try {
            const parsed = JSON.parse(responseBody);
            if (status !== 200 || parsed.errors || !scenario.check(parsed.data)) badBodies += 1;
          } catch {
            badBodies += 1;
          }
        },
      },
    ],
  });
  clearInterval(sampler);
  return {
    name: scenario.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    badBodies,
    requests: result.requests.total,
    maxRssMb: maxRss / 1024,
  };
}

async function post(baseUrl, body) {
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return response.json();
}

async function waitForFirstAnswer(baseUrl) {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (hub.exitCode !== null) throw new Error(`the hub exited with code ${hub.exitCode}`);
    try {
      const answer = await post(baseUrl, '{"query":"{ __typename }"}');
      if (answer.data?.__typename === 'Query') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the hub did not answer within 10 minutes');
}

function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function run(command, args, runEnv = process.env) {
  const result = spawnSync(command, args, { env: runEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function timed(fn) {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

function step(message) {
  console.log(`== ${message}`);
}

/**
 * A query no earlier request asked: two or three words of the field's vocabulary in a fresh combination (over a
 * million combinations, drawn in order from a shuffled start, so none repeats within a run).
 */
function distinctQuery() {
  const words = DISTINCT_QUERY_WORDS;
  const n = words.length;
  const i = distinctQueryCounter++;
  const a = words[i % n];
  const b = words[(Math.floor(i / n) + 7) % n];
  const c = i % 3 === 0 ? ` ${words[(Math.floor(i / (n * n)) + 13) % n]}` : '';
  return `${a} ${b}${c}`;
}
