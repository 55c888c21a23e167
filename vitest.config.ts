import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const require = createRequire(import.meta.url);

const shared = {
  // SWC, not esbuild: type-graphql needs real decorator transforms.
  plugins: [
    swc.vite({
      module: { type: 'es6' },
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: false }, target: 'es2022' },
    }),
  ],
  resolve: {
    // One copy of graphql, or type-graphql fails with "another module or realm".
    alias: { graphql: require.resolve('graphql/index.js') },
  },
};

/**
 * Every suite runs on a fresh embedded PGlite database; when TEST_DATABASE_URL is set the database-backed suites
 * run a second time against that PostgreSQL server (each test file in a database of its own).
 */
const testOptions = { pool: 'forks' as const, testTimeout: 60_000, hookTimeout: 180_000 };

const projects: TestProjectInlineConfiguration[] = [
  {
    ...shared,
    test: {
      ...testOptions,
      name: 'pglite',
      include: ['test/**/*.test.ts'],
      // The scale-out suite starts its own hub processes on PostgreSQL: with a server, it runs once, there.
      exclude: process.env.TEST_DATABASE_URL ? ['test/scale-out/**'] : [],
      env: { DCS_TEST_DATABASE: 'pglite' },
    },
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    ...shared,
    test: {
      ...testOptions,
      name: 'postgres',
      include: ['test/**/*.test.ts'],
      // Suites that never touch a database gain nothing from a second run.
      exclude: ['test/anonymisation/**', 'test/browser/**', 'test/schema.test.ts'],
      env: { DCS_TEST_DATABASE: 'postgres' },
    },
  });
}

export default defineConfig({
  ...shared,
  // Builds the browser assets (embed bundle, GraphiQL) that the HTTP and browser tests serve.
  test: { projects, globalSetup: ['test/support/build-assets.ts'] },
});
