/**
 * A PostgreSQL array literal ('{"a","b"}') to bind to a `?::text[]` (or bigint[], boolean[]) placeholder. Knex
 * expands a JavaScript array bound to `?` into a comma-separated list, which breaks `= any(?)`, `&&` and unnest.
 */
export function sqlArray(values: readonly (string | number | boolean)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
