import type { Em } from '../../db/createOrm.js';
import { RevisionEntity } from './revision.entity.js';

export interface Edition {
  /** 1 for the first published content, counting every later content change. */
  number: number;
  /** When the current content was stored. */
  since: Date;
}

export class RevisionsService {
  constructor(private readonly em: Em) {}

  /** Which edition of a document's content is current, from its revision history (null when it has none). */
  async edition(documentKind: string, documentKey: string): Promise<Edition | null> {
    const revisions = await this.em.find(
      RevisionEntity,
      { documentKind, documentKey, action: { $in: ['CREATED', 'UPDATED', 'REPUBLISHED'] } },
      { orderBy: { id: 'asc' }, fields: ['createdAt'] },
    );
    const last = revisions.at(-1);
    return last ? { number: revisions.length, since: last.createdAt } : null;
  }
}
