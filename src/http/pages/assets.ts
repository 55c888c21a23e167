import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { assetsDir } from '../embed.js';

/**
 * The stylesheet lives in assets/ at the repository root; src/http/pages and dist/http/pages are both three levels
 * below it, so the same relative URL works from source (tests) and from the compiled server.
 */
const stylesheetSource = readFileSync(new URL('../../../assets/hub.css', import.meta.url), 'utf8');
const fingerprint = createHash('sha256').update(stylesheetSource).digest('hex').slice(0, 12);

/** The stylesheet under a content-addressed path, so it can be cached for a year and still never go stale. */
export const stylesheet = {
  path: `/assets/hub.${fingerprint}.css`,
  body: stylesheetSource,
};

/** The hub's web components (src/embed), served by the embed router once scripts/build-assets.mjs has built them. */
export const EMBED_SCRIPT_PATH = '/embed/dcs-hub.js';

export function embedScriptAvailable(): boolean {
  return existsSync(`${assetsDir}dcs-hub.js`);
}
