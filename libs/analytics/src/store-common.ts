/**
 * Settings sent with every insert: the token makes a re-sent batch a no-op in `requests`, and the
 * dependent-view flag carries that to the rollup (whose table has its own deduplication window).
 */
export const INSERT_DEDUP_SETTINGS = {
  insert_deduplicate: 1,
  deduplicate_blocks_in_dependent_materialized_views: 1,
} as const;

export function parseJsonEachRow<T>(text: string): T[] {
  const rows: T[] = [];
  for (const line of text.split('\n')) {
    if (line.length > 0) rows.push(JSON.parse(line) as T);
  }
  return rows;
}
