// `bin/dcs-hub.js` for tests: the same CLI, run from src/ through the SWC hooks instead of the dist/ build.
import { register } from 'node:module';

register('./source-hooks.mjs', import.meta.url);
const { main } = await import('../../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
