#!/usr/bin/env node
/**
 * Builds the browser assets the hub serves into dist/assets/: the embeddable web components (dcs-hub.js, from
 * src/embed/) and the self-hosted GraphiQL explorer (graphiql/, from src/graphiql/). Run by `npm run build`;
 * tests call buildAssets() from their global setup. Skips work when the outputs are newer than the sources.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { parse, stripIgnoredCharacters } from 'graphql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const assetsDir = join(root, 'dist', 'assets');
export const embedBundle = join(assetsDir, 'dcs-hub.js');
export const graphiqlDir = join(assetsDir, 'graphiql');

/**
 * `import query from './x.graphql'` gives `{ query, sha256Hash }`: the query with insignificant characters
 * removed and its hash, computed here so the widget can send automatic persisted queries without needing
 * WebCrypto (which browsers offer only on https and localhost pages).
 */
const graphqlQueries = {
  name: 'graphql-queries',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.graphql$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      parse(source); // fails the build, with file and position, on a syntax error
      const query = stripIgnoredCharacters(source);
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      return { contents: `export default ${JSON.stringify({ query, sha256Hash })};`, loader: 'js' };
    });
  },
};

async function newestMtime(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

async function isFresh(output, sources) {
  try {
    const built = (await stat(output)).mtimeMs;
    const inputs = await Promise.all(sources.map((source) => (source.endsWith('/') ? newestMtime(source) : stat(source).then((s) => s.mtimeMs))));
    return inputs.every((mtime) => mtime <= built);
  } catch {
    return false;
  }
}

/** Writes to a fresh directory and renames it into place, so a concurrent reader never sees half a build. */
async function buildInto(finalDir, run) {
  const staging = `${finalDir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await run(staging);
  await rm(finalDir, { recursive: true, force: true });
  await rename(staging, finalDir);
}

export async function buildEmbed({ force = false } = {}) {
  const sources = [join(root, 'src', 'embed') + '/', join(root, 'scripts', 'build-assets.mjs')];
  if (!force && (await isFresh(embedBundle, sources))) return embedReport();
  const staging = `${embedBundle}.${process.pid}.tmp`;
  await mkdir(assetsDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'src', 'embed', 'index.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    legalComments: 'none',
    plugins: [graphqlQueries],
    outfile: staging,
    logLevel: 'warning',
  });
  await rename(staging, embedBundle);
  return embedReport();
}

export async function embedReport() {
  const code = await readFile(embedBundle);
  return { file: relative(root, embedBundle), bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

export async function buildGraphiql({ force = false } = {}) {
  const sources = [join(root, 'src', 'graphiql') + '/', join(root, 'scripts', 'build-assets.mjs'), join(root, 'package-lock.json')];
  if (!force && (await isFresh(join(graphiqlDir, 'graphiql.js'), sources))) return;
  const entry = (path) => join(root, 'node_modules', path);
  await buildInto(graphiqlDir, async (outdir) => {
    const common = { bundle: true, format: 'esm', minify: true, target: ['es2022'], legalComments: 'none', logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' } };
    await build({
      ...common,
      entryPoints: { graphiql: join(root, 'src', 'graphiql', 'main.ts') },
      // Code GraphiQL imports on demand (the prettifier, language features) becomes chunks loaded when used.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      outdir,
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl' },
      assetNames: '[name]-[hash]',
    });
    await build({
      ...common,
      entryPoints: {
        'editor.worker': entry('monaco-editor/esm/vs/editor/editor.worker.js'),
        'json.worker': entry('monaco-editor/esm/vs/language/json/json.worker.js'),
        'graphql.worker': entry('monaco-graphql/esm/graphql.worker.js'),
      },
      outdir,
    });
  });
}

export async function buildAssets(options = {}) {
  const [embed] = await Promise.all([buildEmbed(options), buildGraphiql(options)]);
  return { embed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const { embed } = await buildAssets({ force });
  await writeFile(join(assetsDir, 'dcs-hub.size.json'), `${JSON.stringify(embed, null, 2)}\n`);
  console.log(`${embed.file}: ${(embed.bytes / 1024).toFixed(1)} KiB, ${(embed.gzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
