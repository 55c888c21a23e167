import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: the HTTP and browser tests serve the embed bundle and GraphiQL from dist/assets, so build
 * them once before any test file starts (a no-op when they are newer than their sources).
 */
export default function buildBrowserAssets(): void {
  const script = fileURLToPath(new URL('../../scripts/build-assets.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
}
