import type { EntityKey, EntityName } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import type { Em } from './createOrm.js';

export interface JsonRowsOptions {
  batchSize: number;
  /** Appended as written (an upsert's `on conflict ... do update`). */
  onConflict?: string;
  /** Columns every inserted row returns (e.g. `id, slug`), concatenated over the batches. */
  returning?: string;
}

/**
 * Inserts rows in batches with one JSON parameter per batch: json_populate_recordset maps keys to columns (arrays
 * and JSON included), so thousands of rows cost a few statements instead of an ORM entity each. Columns left out
 * take their defaults.
 */
export async function insertJsonRows<Returned = never>(
  em: Em,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  options: JsonRowsOptions,
): Promise<Returned[]> {
  const list = columns.join(', ');
  const returned: Returned[] = [];
  for (let start = 0; start < rows.length; start += options.batchSize) {
    const result = await executeBound<Returned>(
      em,
      `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ?::json) ${options.onConflict ?? ''}
       ${options.returning ? `returning ${options.returning}` : ''}`,
      [JSON.stringify(rows.slice(start, start + options.batchSize))],
    );
    if (options.returning) returned.push(...result);
  }
  return returned;
}

/**
 * insertJsonRows for objects shaped like an entity (property names; a related entity given by its id), so a bulk
 * writer shares the column mapping the ORM uses instead of spelling the columns again. Every object must carry the
 * same properties.
 */
export async function insertEntityRows<Entity extends object, Returned = never>(
  em: Em,
  entity: EntityName<Entity>,
  objects: readonly Record<string, unknown>[],
  options: Omit<JsonRowsOptions, 'onConflict'>,
): Promise<Returned[]> {
  if (objects.length === 0) return [];
  const { table, columns, rows } = entityColumns(em, entity, objects);
  return insertJsonRows<Returned>(em, table, columns, rows, options);
}

/** Updates stored rows, matched by the unique property `key`, to the given properties of entity-shaped objects. */
export async function updateEntityRows<Entity extends object>(
  em: Em,
  entity: EntityName<Entity>,
  objects: readonly Record<string, unknown>[],
  options: { batchSize: number; key: string },
): Promise<void> {
  if (objects.length === 0) return;
  const { table, columns, rows, columnOf } = entityColumns(em, entity, objects);
  const key = columnOf(options.key);
  const assignments = columns.filter((c) => c !== key).map((c) => `${c} = r.${c}`).join(', ');
  for (let start = 0; start < rows.length; start += options.batchSize) {
    await executeBound(
      em,
      `update ${table} set ${assignments} from json_populate_recordset(null::${table}, ?::json) r where ${table}.${key} = r.${key}`,
      [JSON.stringify(rows.slice(start, start + options.batchSize))],
    );
  }
}

function entityColumns<Entity extends object>(em: Em, entity: EntityName<Entity>, objects: readonly Record<string, unknown>[]) {
  const meta = em.getMetadata(entity);
  const columnOf = (property: string): string => {
    const column = meta.properties[property as EntityKey<Entity>]?.fieldNames?.[0];
    if (!column) throw new Error(`${meta.className} has no column for ${property}`);
    return column;
  };
  const properties = Object.keys(objects[0]);
  const columns = properties.map(columnOf);
  const rows = objects.map((object) => Object.fromEntries(properties.map((property, i) => [columns[i], object[property]])));
  return { table: meta.tableName, columns, rows, columnOf };
}

/**
 * Runs a statement with its parameters sent separately, in the EntityManager's transaction if it has one.
 * em.execute inlines parameters into the SQL text, escaping them a character at a time: for the megabytes of JSON
 * a bulk write sends, that escaping cost more than the database's work.
 */
async function executeBound<Row>(em: Em, sql: string, params: unknown[]): Promise<Row[]> {
  const query = em.getKnex().raw(sql, params as Knex.RawBinding[]);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  const result: { rows: Row[] } = await query;
  return result.rows;
}
