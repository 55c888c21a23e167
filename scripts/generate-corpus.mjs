#!/usr/bin/env node
// Generates a synthetic content/ tree of any size for benchmarks and load tests: seeded (the same seed and size
// give the same files), realistic (sentences, vocabularies, clause references and risk ratings taken from the
// bundled content, so every generated file passes the same validation as real content).
//
//   node scripts/generate-corpus.mjs --docs 10000 --out .bench/corpus-10000 [--seed 42] [--content content]
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '42' },
    content: { type: 'string', default: 'content' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log('Usage: node scripts/generate-corpus.mjs --docs N --out DIR [--seed S] [--content DIR]');
  process.exit(0);
}

export function generateCorpus({ docs, out, seed = 42, content = 'content' }) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const pickSome = (list, min, max) => {
    const count = min + Math.floor(random() * (max - min + 1));
    const copy = [...list];
    const chosen = [];
    while (chosen.length < count && copy.length) chosen.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
    return chosen;
  };

  const read = (path) => {
    const text = readFileSync(path, 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
    return { data: parse(match[1]), body: match[2] };
  };
  const taxonomy = read(join(content, 'taxonomy.md')).data;
  const clauseRefs = [];
  for (const file of readdirSync(join(content, 'standards'))) {
    const { data } = read(join(content, 'standards', file));
    for (const clause of data.clauses) if (clause.obligation) clauseRefs.push(`${data.code} ${clause.number}`);
  }

  // Sentences and hazards from the real corpus: the generated text reads like the domain and stays clean.
  const sentences = new Set();
  const hazards = [];
  const titles = [];
  const collectSentences = (body) => {
    for (const line of body.split('\n')) {
      if (/^[#|>*-]|\{\{|\]\(|^\s*$/.test(line)) continue;
      for (const sentence of line.split(/(?<=[.!?])\s+/)) if (/^[A-Z].{40,258}[.!?]$/.test(sentence.trim())) sentences.add(sentence.trim());
    }
  };
  for (const dir of ['guidance', 'safety-cases']) {
    for (const file of readdirSync(join(content, dir))) {
      const { data, body } = read(join(content, dir, file));
      collectSentences(body);
      titles.push(data.title);
      if (data.hazards) hazards.push(...data.hazards.map(({ clauses, ...h }) => h));
    }
  }
  const sentenceList = [...sentences];
  const paragraph = (n) => Array.from({ length: n }, () => pick(sentenceList)).join(' ');
  const body = (sections) =>
    Array.from({ length: sections }, (_, i) => `## ${pick(titles).replace(/[()]/g, '')} (part ${i + 1})\n\n${paragraph(4)}\n\n${paragraph(3)}\n`).join('\n');
  const words = ['workflow', 'interface', 'go-live', 'configuration', 'alerting', 'handover', 'results', 'referrals', 'prescribing', 'triage', 'monitoring', 'migration', 'imaging', 'maternity', 'discharge', 'observations', 'scheduling', 'telehealth'];
  const topicIds = taxonomy.topics.map((t) => t.id);
  const date = () => `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const fm = (data, text) => `---\n${stringify(data, { lineWidth: 0 })}---\n${text}`;

  // The bundled content comes along whole (its documents link to each other); generated documents are added.
  if (existsSync(out)) rmSync(out, { recursive: true });
  cpSync(content, out, { recursive: true });
  const bundled = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.md') && !String(f).endsWith('README.md')).length;

  // Clauses count as documents; the rest is split like the real corpus: guidance, safety cases, blueprints.
  const remaining = Math.max(0, docs - clauseRefs.length - bundled);
  const counts = { guidance: Math.round(remaining * 0.45), safetyCases: Math.round(remaining * 0.35) };
  counts.blueprintVersions = remaining - counts.guidance - counts.safetyCases;

  for (let i = 0; i < counts.guidance; i++) {
    const slug = `generated-guidance-${i}`;
    const data = {
      title: `${pick(titles).replace(/[()]/g, '')}: ${pick(words)} ${i}`,
      summary: paragraph(1).slice(0, 380),
      topics: pickSome(topicIds, 1, 3),
      lastReviewed: date(),
      clauses: pickSome(clauseRefs, 1, 4),
    };
    writeFileSync(join(out, 'guidance', `${slug}.md`), fm(data, body(3)));
  }
  for (let i = 0; i < counts.safetyCases; i++) {
    const slug = `generated-safety-case-${i}`;
    const caseHazards = pickSome(hazards, 6, 9).map((hazard, index) => ({ ...hazard, code: `H-${String(index + 1).padStart(3, '0')}` }));
    const data = {
      title: `Safety case: ${pick(words)} ${pick(words)} system ${i}`,
      summary: paragraph(1).slice(0, 380),
      topics: pickSome(topicIds, 1, 3),
      lastReviewed: date(),
      systemType: pick(taxonomy.systemTypes).id,
      setting: pick(taxonomy.settings).id,
      standard: random() < 0.5 ? 'DCB0129' : 'DCB0160',
      lifecyclePhase: pick(['Development', 'Deployment', 'Live use', 'Decommissioning']),
      organisation: `A fictional organisation (generated case ${i})`,
      clauses: pickSome(clauseRefs, 1, 3),
      hazards: caseHazards,
    };
    writeFileSync(join(out, 'safety-cases', `${slug}.md`), fm(data, body(3)));
  }
  const kinds = ['CRMP', 'HAZARD_LOG', 'CSCR', 'DEPLOYMENT_CHECKLIST', 'CHANGE_IMPACT', 'AUDIT_CHECKLIST', 'OTHER'];
  for (let i = 0; i * 2 < counts.blueprintVersions; i++) {
    const slug = `generated-blueprint-${i}`;
    mkdirSync(join(out, 'blueprints', slug), { recursive: true });
    const kind = pick(kinds);
    const versions = i * 2 + 1 < counts.blueprintVersions ? ['1.0.0', '1.1.0'] : ['1.0.0'];
    versions.forEach((version, v) => {
      const data = {
        title: `${pick(titles).replace(/[()]/g, '')} template ${i}`,
        summary: paragraph(1).slice(0, 380),
        kind,
        version,
        publishedOn: `2025-0${v + 1}-15`,
        changelog: v === 0 ? 'First published version.' : 'Reworded the guidance prompts and added a review section.',
        topics: pickSome(topicIds, 1, 2),
        lastReviewed: `2025-0${v + 1}-15`,
        clauses: pickSome(clauseRefs, 1, 4),
        variables: [
          { name: 'productName', type: 'STRING', required: true, description: 'The health IT system.' },
          { name: 'organisationName', type: 'STRING', required: false, default: 'the organisation', description: 'The owning organisation.' },
        ],
        ...(kind === 'HAZARD_LOG' ? { hazards: pickSome(hazards, 4, 6).map((h, index) => ({ ...h, code: `H-${String(index + 1).padStart(3, '0')}` })) } : {}),
      };
      writeFileSync(join(out, 'blueprints', slug, `${version}.md`), fm(data, `# {{productName}} for {{organisationName}}\n\n${body(v + 2)}`));
    });
  }
  return { out, counts: { bundled, clauses: clauseRefs.length, ...counts } };
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const docs = Number(values.docs);
  if (!Number.isInteger(docs) || docs < 1) {
    console.error('--docs must be a positive whole number');
    process.exit(2);
  }
  const out = values.out ?? `.bench/corpus-${docs}`;
  const started = performance.now();
  const result = generateCorpus({ docs, out, seed: Number(values.seed), content: values.content });
  console.log(`generated ${docs} documents in ${result.out} (${JSON.stringify(result.counts)}) in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}
