import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import { ClauseEntity, type Clause } from './clause.entity.js';
import { parseClauseRef } from './clause-ref.js';
import { StandardEntity, type Standard } from './standard.entity.js';

export interface ClauseFilter {
  /** Only clauses directly under this number; `null` for the top-level sections. */
  parentNumber?: string | null;
  requirementsOnly?: boolean;
}

export class StandardsService {
  constructor(private readonly em: Em) {}

  /** The current edition of each standard: the latest published version per code. */
  async listCurrent(): Promise<Standard[]> {
    const all = await this.em.find(StandardEntity, { published: true }, { orderBy: { code: 'asc', publishedOn: 'desc' } });
    const byCode = new Map<string, Standard>();
    for (const standard of all) if (!byCode.has(standard.code)) byCode.set(standard.code, standard);
    return [...byCode.values()];
  }

  async findByCode(code: string, version?: string | null): Promise<Standard | null> {
    const normalised = normaliseStandardCode(code);
    if (version) return this.em.findOne(StandardEntity, { code: normalised, version, published: true });
    const [latest] = await this.em.find(StandardEntity, { code: normalised, published: true }, { orderBy: { publishedOn: 'desc' }, limit: 1 });
    return latest ?? null;
  }

  async clausePage(standard: Standard, window: PageWindow, filter: ClauseFilter = {}): Promise<[Clause[], number]> {
    const where: Record<string, unknown> = { standard };
    if (filter.requirementsOnly) where.obligation = { $ne: null };
    if (filter.parentNumber !== undefined) {
      if (filter.parentNumber === null) where.parentId = null;
      else {
        const parent = await this.em.findOne(ClauseEntity, { standard, number: filter.parentNumber });
        if (!parent) return [[], 0];
        where.parentId = parent.id;
      }
    }
    return this.em.findAndCount(ClauseEntity, where, { orderBy: { sortKey: 'asc' }, offset: window.offset, limit: window.limit });
  }

  /** Every clause of an edition, in document order (the whole tree is about a hundred rows). */
  clauses(standard: Standard): Promise<Clause[]> {
    return this.em.find(ClauseEntity, { standard }, { orderBy: { sortKey: 'asc' } });
  }

  /** The matching clause in the other standard, with the edition it belongs to. */
  async counterpart(clause: Clause): Promise<{ clause: Clause; standard: Standard } | null> {
    if (clause.counterpartId == null) return null;
    const counterpart = await this.em.findOne(ClauseEntity, { id: clause.counterpartId }, { populate: ['standard'] });
    return counterpart ? { clause: counterpart, standard: counterpart.standard as Standard } : null;
  }

  async findClause(code: string, number: string): Promise<{ clause: Clause; standard: Standard } | null> {
    const standard = await this.findByCode(code);
    if (!standard) return null;
    const clause = await this.em.findOne(ClauseEntity, { standard, number: number.trim().replace(/\.$/, '') });
    return clause ? { clause, standard } : null;
  }

  /** Resolves "DCB0129 2.3.1" references against the current editions, keeping the input order. */
  async findClausesByRefs(refs: readonly string[]): Promise<(Clause | null)[]> {
    const parsed = refs.map(parseClauseRef);
    const codes = [...new Set(parsed.filter((r) => r !== null).map((r) => r!.code))];
    if (codes.length === 0) return refs.map(() => null);
    const current = (await this.listCurrent()).filter((s) => codes.includes(s.code));
    const numbers = [...new Set(parsed.filter((r) => r !== null).map((r) => r!.number))];
    const clauses = await this.em.find(ClauseEntity, { standard: { $in: current.map((s) => s.id) }, number: { $in: numbers } });
    const codeById = new Map(current.map((s) => [s.id, s.code]));
    const byRef = new Map(clauses.map((c) => [`${codeById.get(c.standard.id)} ${c.number}`, c]));
    return parsed.map((ref) => (ref ? byRef.get(`${ref.code} ${ref.number}`) ?? null : null));
  }
}

/** Accepts what people type: "dcb0129", "DCB 0129", "0129". */
export function normaliseStandardCode(code: string): string {
  const digits = code.replace(/[^0-9]/g, '');
  return digits.length === 4 ? `DCB${digits}` : code.trim().toUpperCase();
}
