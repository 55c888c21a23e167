/**
 * Node module hooks that run the TypeScript sources as vitest does (SWC, legacy decorators, no decorator
 * metadata), so a test can start real hub processes from src/ without waiting for a full `tsc` build. Sources
 * import each other as `./x.js`; a `.js` specifier from a `.ts` file resolves to the `.ts` file beside it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const SWC_OPTIONS = {
  module: { type: 'es6' },
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: false, useDefineForClassFields: false },
    keepClassNames: true,
    target: 'es2022',
  },
};

export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const source = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(source)) return { url: source.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const { code } = await swc.transformFile(fileURLToPath(url), SWC_OPTIONS);
  return { format: 'module', source: code, shortCircuit: true };
}
