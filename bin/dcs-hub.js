#!/usr/bin/env node
// The CLI runs from the compiled output (`npm run build`); tsx and esbuild cannot emit the decorators it needs.
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
