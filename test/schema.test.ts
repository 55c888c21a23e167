import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printHubSchema } from '../src/graphql/schema.js';

describe('schema.graphql', () => {
  it('is the schema the hub serves (regenerate with `npm run schema`)', async () => {
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(await printHubSchema());
  });
});
