import pg from 'pg';

/** Connection fields of a postgres URL, kept separate so the database can be swapped (shadow, admin). */
export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  /** Postgres schema from `?schema=`, default public. */
  schema: string | undefined;
}

/** Parses a postgresql:// URL into separate connection fields. */
export function parseDatabaseUrl(databaseUrl: string): PgTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(`invalid database URL: ${redactUrl(databaseUrl)}`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`not a postgres URL: ${redactUrl(databaseUrl)}`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`database URL names no database: ${redactUrl(databaseUrl)}`);
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    schema: url.searchParams.get('schema') ?? undefined,
  };
}

/** pg config for the target, optionally pointed at another database on the same server. */
export function pgConfig(target: PgTarget, database: string = target.database): pg.ClientConfig {
  return { host: target.host, port: target.port, user: target.user, password: target.password, database };
}

/** Quotes a postgres identifier (database names come from URLs and generated names). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs fn with a short-lived client on the server's `postgres` maintenance database. */
export async function withAdminClient<T>(target: PgTarget, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConfig(target, 'postgres'));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The URL with its password hidden, for messages. */
export function redactUrl(databaseUrl: string): string {
  return databaseUrl.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
