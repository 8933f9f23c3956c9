import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Some of a table's columns, for `db.select(...)`: the row type Drizzle infers is then exactly
 * `Pick<typeof table.$inferSelect, K>`, so a shape named by its keys follows the schema.
 */
export function pickColumns<T extends Table, const K extends keyof T['_']['columns']>(
  table: T,
  keys: readonly K[],
): Pick<T['_']['columns'], K> {
  const all = getTableColumns(table);
  return Object.fromEntries(keys.map((k) => [k, all[k]])) as Pick<T['_']['columns'], K>;
}
