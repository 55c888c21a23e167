/** What a search address can carry: the query, facet values (each repeatable) and the page number. */
export interface SearchParams {
  q?: string;
  kind?: string[];
  standard?: string[];
  topic?: string[];
  blueprintKind?: string[];
  systemType?: string[];
  setting?: string[];
  page?: number;
}

/** A link to a search; facet values repeat their parameter (`topic=a&topic=b`). */
export function searchPath(params: SearchParams | Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key === 'page') {
      if (typeof value === 'number' && value > 1) query.set('page', String(value));
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' && item !== '') query.append(key, item);
  }
  const text = query.toString();
  return text ? `/search?${text}` : '/search';
}
