import { parseDatabaseUrl, quoteIdent, withAdminClient } from './connection';

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl);
  await withAdminClient(target, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(target.database)}`);
    } catch (error) {
      // Another process may have created it between our check and CREATE: that is success too.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  });
}

/** Drops the database named in the URL (terminating its sessions); used by tests and scratch runs. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl);
  await withAdminClient(target, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(target.database)} WITH (FORCE)`);
  });
}
