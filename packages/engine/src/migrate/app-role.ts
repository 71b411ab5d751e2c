// The least-privilege role the console, the worker and the CLI connect as. Migrations run as the owner of the
// tables; after every migrate the owner (re)grants this role exactly what the app needs, so a table added by a
// later migration is covered without a hand-written GRANT, and the append-only tables never gain UPDATE/DELETE.
import pg from 'pg';
import { pgConfig, quoteIdent, type PgTarget } from './connection';

/** The role name the development defaults, the tests and the README use. */
export const APP_ROLE = 'switchyard_app';

/** Tables the app may read and append to but never change: the timeline and the audit log. */
export const APPEND_ONLY_TABLES = ['WorkflowEvent', 'AuditLog'] as const;

/** Tables only migrations touch. */
const OWNER_ONLY_TABLES = ['_prisma_migrations'] as const;

export interface AppRole {
  name: string;
  /** Set (or reset) as the role's password when given; a local trust setup needs none. */
  password?: string | undefined;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The app role a DATABASE_URL connects as: its user name and password. */
export function appRoleFromUrl(databaseUrl: string): AppRole {
  const url = new URL(databaseUrl);
  return {
    name: decodeURIComponent(url.username) || 'postgres',
    password: url.password ? decodeURIComponent(url.password) : undefined,
  };
}

/** The owner URL used when MIGRATE_DATABASE_URL is not set: the same server and database as user `postgres`. */
export function defaultOwnerUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.username = 'postgres';
  url.password = '';
  return url.toString();
}

// Two migrates of different databases may both find the role missing; the loser's CREATE ROLE fails with one
// of these, which means the role exists now: success.
const ROLE_ALREADY_EXISTS = new Set(['42710', '23505']);

async function ensureRole(client: pg.Client, role: AppRole): Promise<void> {
  const found = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [
    role.name,
  ]);
  if (!found.rowCount) {
    try {
      await client.query(`CREATE ROLE ${quoteIdent(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`);
    } catch (error) {
      if (!ROLE_ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw error;
    }
  } else if (found.rows[0]?.rolsuper) {
    throw new Error(`the app role "${role.name}" is a superuser; it must be an ordinary role (see README, Deploying)`);
  }
  if (role.password !== undefined)
    await client.query(
      `ALTER ROLE ${quoteIdent(role.name)} WITH LOGIN PASSWORD ${client.escapeLiteral(role.password)}`,
    );
}

/**
 * Creates the app role if it is missing (never drops or weakens an existing one) and grants it, in the target
 * database: read/insert/update/delete on ordinary tables, read/insert only on the append-only tables, nothing
 * on the migrations table, and the sequences. Run as the owner, under the migrate lock.
 */
export async function grantAppRole(target: PgTarget, role: AppRole): Promise<void> {
  if (!ROLE_NAME.test(role.name))
    throw new Error(`app role name "${role.name}" is not a plain lower-case identifier (expected ${ROLE_NAME.source})`);
  if (role.name === target.user)
    throw new Error(
      `the app role "${role.name}" is the migration owner; DATABASE_URL must name a separate role (e.g. ${APP_ROLE}) and MIGRATE_DATABASE_URL the owner`,
    );
  const client = new pg.Client(pgConfig(target));
  await client.connect();
  try {
    await ensureRole(client, role);
    const app = quoteIdent(role.name);
    const schema = quoteIdent(target.schema ?? 'public');
    const owned = await client.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1 LIMIT 5`,
      [role.name],
    );
    if (owned.rowCount)
      throw new Error(
        `the app role "${role.name}" owns ${owned.rows.map((r) => r.relname).join(', ')}; it must own nothing (ALTER TABLE … OWNER TO the migration owner)`,
      );
    await client.query('BEGIN');
    await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(target.database)} TO ${app}`);
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${app}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app}`);
    for (const table of APPEND_ONLY_TABLES) {
      await client.query(
        `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${schema}.${quoteIdent(table)} FROM ${app}`,
      );
    }
    for (const table of OWNER_ONLY_TABLES)
      await client.query(`REVOKE ALL ON ${schema}.${quoteIdent(table)} FROM ${app}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
