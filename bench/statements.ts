// `--statements`: what Postgres did for a phase, per unit of work — each statement's calls, rows and execution time
// (pg_stat_statements, when the server preloads it) and the rows and index entries written per table
// (pg_stat_user_tables / pg_stat_user_indexes). Read on the bench's own database, so other databases do not count.
import { renderTable, type Stack } from '@switchyard/testkit';

interface TableCounts {
  table: string;
  inserted: number;
  updated: number;
  hotUpdated: number;
  deleted: number;
  indexes: number;
}

export interface StatementWindow {
  /** Prints the statements and table writes of the window, per `units` of `unit`. */
  report(units: number, unit: string): Promise<string>;
}

async function tableCounts(stack: Stack): Promise<Map<string, TableCounts>> {
  const { rows } = await stack.sql.query<TableCounts>(`
    SELECT t.relname AS table, t.n_tup_ins::float8 AS inserted, t.n_tup_upd::float8 AS updated,
      t.n_tup_hot_upd::float8 AS "hotUpdated", t.n_tup_del::float8 AS deleted,
      (SELECT count(*) FROM pg_index i WHERE i.indrelid = t.relid)::int AS indexes
    FROM pg_stat_user_tables t`);
  return new Map(rows.map((row) => [row.table, row]));
}

/** Starts counting; the statistics of this database are reset first. */
export async function startStatementWindow(stack: Stack): Promise<StatementWindow> {
  await stack.sql.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await stack.sql.query(
    `SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)`,
  );
  // Table counters are cumulative and reported with a delay; take a fresh snapshot.
  await stack.sql.query('SELECT pg_stat_clear_snapshot()');
  const before = await tableCounts(stack);
  return {
    async report(units, unit) {
      // Backends flush their table counters when idle for a while (up to a second).
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await stack.sql.query('SELECT pg_stat_clear_snapshot()');
      const after = await tableCounts(stack);
      const { rows } = await stack.sql.query<{
        calls: number;
        rows: number;
        ms: number;
        walBytes: number;
        query: string;
      }>(`
        SELECT calls::float8 AS calls, rows::float8 AS rows, total_exec_time AS ms, wal_bytes::float8 AS "walBytes",
          regexp_replace(query, '\\s+', ' ', 'g') AS query
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY total_exec_time DESC LIMIT 25`);
      const per = (n: number) => (n / units).toFixed(2);
      const statements = renderTable(
        ['calls/' + unit, 'rows/' + unit, 'exec ms/' + unit, 'WAL B/' + unit, 'statement'],
        rows.map((r) => [per(r.calls), per(r.rows), (r.ms / units).toFixed(3), per(r.walBytes), r.query.slice(0, 110)]),
      );
      const tables = [...after.values()]
        .map((a) => {
          const b = before.get(a.table);
          const d = (k: 'inserted' | 'updated' | 'hotUpdated' | 'deleted') => a[k] - (b?.[k] ?? 0);
          return {
            table: a.table,
            ins: d('inserted'),
            upd: d('updated'),
            hot: d('hotUpdated'),
            del: d('deleted'),
            indexes: a.indexes,
          };
        })
        .filter((t) => t.ins + t.upd + t.del > 0)
        .sort((x, y) => y.ins + y.upd - (x.ins + x.upd));
      const writes = renderTable(
        ['table', `inserted/${unit}`, `updated/${unit}`, 'of them HOT', `deleted/${unit}`, 'indexes'],
        tables.map((t) => [t.table, per(t.ins), per(t.upd), per(t.hot), per(t.del), t.indexes]),
      );
      return `postgres statements per ${unit} (pg_stat_statements, this database):\n${statements}\n\nrows written per ${unit}:\n${writes}`;
    },
  };
}
