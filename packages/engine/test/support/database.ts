import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { APP_ROLE } from '../../src/migrate/app-role';

export const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// SWITCHYARD_TEST_NS keeps parallel checkouts on one machine from dropping each other's template.
export const TEMPLATE_DB = `switchyard_test_template${process.env.SWITCHYARD_TEST_NS ? `_${process.env.SWITCHYARD_TEST_NS}` : ''}`;

/** The owner's URL for a database: migrations and the test's own inspection of it. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The least-privilege app role's URL for a database: what the engines under test connect as, like production. */
export function appDatabaseUrl(name: string): string {
  const url = new URL(databaseUrl(name));
  url.username = APP_ROLE;
  url.password = '';
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: each test file gets its own, so files never interfere. */
export async function createTestDatabase(): Promise<{
  name: string;
  url: string;
  ownerUrl: string;
  drop(): Promise<void>;
}> {
  const name = `sy_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  return {
    name,
    // The template's grants come along with the clone; the role itself is cluster-wide.
    url: appDatabaseUrl(name),
    ownerUrl: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
