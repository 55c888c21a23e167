import type { Em } from './createOrm.js';

/**
 * Inserts rows in batches with one JSON parameter per batch: json_populate_recordset maps keys to columns (arrays
 * and JSON included), so thousands of rows cost a few statements instead of an ORM entity each. Columns left out
 * take their defaults; `onConflict` is appended as written (an upsert's `on conflict ... do update`).
 */
export async function insertJsonRows(
  em: Em,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  options: { batchSize: number; onConflict?: string },
): Promise<void> {
  const list = columns.join(', ');
  for (let start = 0; start < rows.length; start += options.batchSize) {
    await em.execute(
      `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ?::json) ${options.onConflict ?? ''}`,
      [JSON.stringify(rows.slice(start, start + options.batchSize))],
    );
  }
}
