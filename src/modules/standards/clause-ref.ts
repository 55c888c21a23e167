/** Clause references as content writes them: "DCB0129 2.3.1". */
export interface ClauseRef {
  code: string;
  number: string;
}

const CLAUSE_REF = /^(DCB\d{4}) (\d+(?:\.\d+)*)$/;

export function parseClauseRef(ref: string): ClauseRef | null {
  const match = CLAUSE_REF.exec(ref.trim());
  return match ? { code: match[1], number: match[2] } : null;
}

export function formatClauseRef(ref: ClauseRef): string {
  return `${ref.code} ${ref.number}`;
}
