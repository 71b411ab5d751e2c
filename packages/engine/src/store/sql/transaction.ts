import type pg from 'pg';

/** A connection inside an open transaction: what the plain-SQL hot paths run their statements on. */
export type SqlClient = Pick<pg.PoolClient, 'query'>;

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Runs `work` in one transaction on a pooled connection: BEGIN, COMMIT, ROLLBACK on any error, and the
 * connection always goes back to the pool — destroyed, not reused, when BEGIN or ROLLBACK failed on it.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
  } catch (error) {
    client.release(asError(error));
    throw error;
  }
  let broken: Error | undefined;
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = asError(rollbackError);
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Postgres ignores a trailing `Z` in a `timestamp` literal, so ISO strings store UTC, as Prisma does. */
export function sqlTimestamp(date: Date): string {
  return date.toISOString();
}
