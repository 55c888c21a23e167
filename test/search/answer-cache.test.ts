import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestContent } from '../../src/modules/ingest/ingest.service.js';
import { copyContent } from '../support/content-copy.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

/**
 * Search keeps PostgreSQL's answers by question and content generation: a repeated question is answered
 * without searching again, and any committed content change makes every kept answer unreachable.
 */
describe('search answer cache', () => {
  let testHub: TestHub;
  let content: Awaited<ReturnType<typeof copyContent>>;

  beforeAll(async () => {
    content = await copyContent();
    testHub = await startTestHub({ contentDir: content.dir, env: { SEARCH_CACHE_ENTRIES: '50' } });
  });
  afterAll(async () => {
    await testHub?.close();
    await content?.dispose();
  });

  const search = (query: string, first = 10) => testHub.hub.search.search(testHub.hub.db.orm.em.fork(), { query, first });

  it('answers a repeated question from the cache, and a different page or query afresh', async () => {
    const engine = vi.spyOn(testHub.hub.search.postgres, 'search');
    const first = await search('wrong patient');
    const again = await search('wrong patient');
    expect(engine).toHaveBeenCalledTimes(1);
    expect(again).toEqual(first);
    expect(first.hits.length).toBeGreaterThan(0);
    await search('wrong patient', 5);
    await search('alert fatigue');
    expect(engine).toHaveBeenCalledTimes(3);
    engine.mockRestore();
  });

  it('never serves an answer once the content behind it changed', async () => {
    const word = 'zorblaxian';
    expect((await search(word)).totalCount).toBe(0);
    await content.edit('safety-cases/ambulance-dispatch-upgrade.md', (text) => text.replace(/(code: H-001\n\s+title: )([^\n]+)/, `$1$2 (${word})`));
    await ingestContent(testHub.hub, { contentDir: content.dir, onChanges: testHub.hub.search.indexChanges });
    const after = await search(word);
    expect(after.hits.map((h) => h.key)).toContain('ambulance-dispatch-upgrade/H-001');
  });

  it('is off with SEARCH_CACHE_ENTRIES=0', async () => {
    const hub = await startTestHub({ ingest: false, env: { SEARCH_CACHE_ENTRIES: '0' } });
    try {
      const engine = vi.spyOn(hub.hub.search.postgres, 'search');
      await hub.hub.search.search(hub.hub.db.orm.em.fork(), { query: 'hazard' });
      await hub.hub.search.search(hub.hub.db.orm.em.fork(), { query: 'hazard' });
      expect(engine).toHaveBeenCalledTimes(2);
    } finally {
      await hub.close();
    }
  });
});
