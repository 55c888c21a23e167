#!/usr/bin/env node
// Prints the anonymisation gate's precision and recall per identifier type on the labelled evaluation set.
//
// Usage: node scripts/anonymisation-eval.mjs [--errors] [SET.jsonl]
//   --errors   also list every missed span and every spurious finding
//
// Uses the built library in dist/ when it is there and newer than the sources (npm run build). Otherwise it
// transpiles the anonymisation module on the fly with the TypeScript compiler already in devDependencies, so the
// script works on a fresh checkout and never needs --experimental-strip-types.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const setPath = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(repoRoot, 'test/fixtures/anonymisation/eval-set.jsonl'));

const sourceDir = join(repoRoot, 'src/modules/anonymisation');
const builtEntry = join(repoRoot, 'dist/modules/anonymisation/evaluate.js');

/** The .ts files evaluate.ts reaches through relative imports (other files in the folder may need packages). */
function sourcesReachableFrom(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(sourceDir, file), 'utf8');
    for (const [, target] of source.matchAll(/from\s+'\.\/([\w.-]+)\.js'/g)) visit(`${target}.ts`);
  };
  visit(entry);
  return [...seen];
}

function builtCopyIsCurrent(sources) {
  if (!existsSync(builtEntry)) return false;
  const builtAt = statSync(builtEntry).mtimeMs;
  return sources.every((file) => statSync(join(sourceDir, file)).mtimeMs <= builtAt);
}

async function loadEvaluateModule() {
  const sources = sourcesReachableFrom('evaluate.ts');
  if (builtCopyIsCurrent(sources)) return { module: await import(pathToFileURL(builtEntry).href), cleanup: () => {} };
  const ts = createRequire(import.meta.url)('typescript');
  const outDir = mkdtempSync(join(tmpdir(), 'dcs-anonymisation-'));
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
  for (const file of sources) {
    const { outputText } = ts.transpileModule(readFileSync(join(sourceDir, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), outputText);
  }
  return { module: await import(pathToFileURL(join(outDir, 'evaluate.js')).href), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

const { module, cleanup } = await loadEvaluateModule();
try {
  const set = module.parseEvaluationSet(readFileSync(setPath, 'utf8'));
  const started = performance.now();
  const evaluation = module.evaluateWithErrors(set);
  const elapsed = performance.now() - started;
  const spans = set.reduce((sum, example) => sum + example.spans.length, 0);
  console.log(`${setPath}: ${set.length} lines, ${spans} labelled spans (${elapsed.toFixed(0)} ms)\n`);
  console.log(module.formatEvaluationTable(evaluation));
  if (showErrors) {
    console.log('');
    for (const error of evaluation.errors) console.log(`${error.kind.padEnd(8)} ${error.type.padEnd(16)} ${JSON.stringify(error.text)}  <-  ${JSON.stringify(error.line)}`);
  }
} finally {
  cleanup();
}
