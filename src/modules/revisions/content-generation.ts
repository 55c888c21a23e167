import type { Em } from '../../db/createOrm.js';

/**
 * Which commit of the published content a reader sees, as an opaque string. Every write that can change a public
 * answer (ingest, publishing a submission, a learning import) appends a revision and a search outbox row in its
 * transaction, so the value changes with every such commit. Read before answering, in the reader's snapshot: an
 * answer kept under it is never older than the content it names, on this instance or any other.
 */
export async function contentGeneration(em: Em): Promise<string> {
  const [{ revision, change }] = await em.execute<{ revision: string | null; change: string | null }[]>(
    'select (select max(id) from revision)::text as revision, (select max(id) from search_outbox)::text as change',
  );
  return `${revision ?? 0}.${change ?? 0}`;
}
