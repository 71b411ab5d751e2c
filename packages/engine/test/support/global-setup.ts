import { APP_ROLE, applyMigrations } from '../../src/migrate';
import { adminQuery, databaseUrl, TEMPLATE_DB } from './database';

/** Migrates a template database once per run; test files clone it (CREATE DATABASE … TEMPLATE), which takes milliseconds. */
export default async function setup(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
  // Creates the cluster-wide app role if missing (idempotent, never dropped: other checkouts share it) and
  // grants it on the template, so every cloned test database connects as it.
  await applyMigrations({ databaseUrl: databaseUrl(TEMPLATE_DB), appRole: { name: APP_ROLE } });
}
