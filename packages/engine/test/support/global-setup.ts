import { applyMigrations } from '../../src/migrate';
import { adminQuery, databaseUrl, TEMPLATE_DB } from './database';

/** Migrates a template database once per run; test files clone it (CREATE DATABASE … TEMPLATE), which takes milliseconds. */
export default async function setup(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
  await applyMigrations({ databaseUrl: databaseUrl(TEMPLATE_DB) });
}
