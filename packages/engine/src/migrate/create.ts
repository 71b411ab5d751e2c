import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { ensureDatabase } from './database';
import { parseDatabaseUrl } from './connection';
import type { Log } from './engine-session';
import { noLog, withSchemaEngine } from './engine-session';
import { NO_FILTER } from './filters';
import { listMigrations, writeMigration } from './migrations-dir';
import { defaultMigrationsDir, defaultSchemaPath } from './paths';
import { readSchemaFiles } from './schema-files';

export interface CreateMigrationOptions {
  databaseUrl: string;
  name: string;
  schemaPath?: string;
  migrationsDir?: string;
  log?: Log;
}

/**
 * Writes a new migration for the diff between the migrations and schema.prisma, like
 * `prisma migrate dev --create-only` (which also brings the dev database up to date first).
 */
export async function createMigration(options: CreateMigrationOptions): Promise<{ directory: string | null }> {
  const log = options.log ?? noLog;
  const name = options.name.trim();
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`migration name must be [A-Za-z0-9_]+, got "${options.name}"`);
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const schemaFiles = await readSchemaFiles(options.schemaPath ?? defaultSchemaPath());
  const target = parseDatabaseUrl(options.databaseUrl);
  await ensureDatabase(options.databaseUrl);

  return withSchemaEngine(target, schemaFiles, log, async (engine) => {
    await diagnoseDevDatabase(engine, migrationsDir, target.database);
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await listMigrations(migrationsDir),
      filters: NO_FILTER,
    });
    for (const applied of appliedMigrationNames) log(`applied pending ${applied} to ${target.database}`);
    // devDiagnostic is also what connects the engine's shadow database, and it skips that when the
    // dev database is behind the history; createMigration then fails with "shadow DB must be
    // provided through an external factory". So diagnose again once the database has caught up.
    if (appliedMigrationNames.length > 0) await diagnoseDevDatabase(engine, migrationsDir, target.database);

    const result = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList: await listMigrations(migrationsDir),
      schema: { files: schemaFiles },
      filters: NO_FILTER,
    });
    if (result.migrationScript === null) return { directory: null };
    const directory = await writeMigration(
      migrationsDir,
      result.generatedMigrationName,
      result.migrationScript,
      result.connectorType,
    );
    log(`wrote ${directory}`);
    return { directory };
  });
}

/** Runs the engine's devDiagnostic (required before createMigration) and refuses a drifted database. */
async function diagnoseDevDatabase(engine: SchemaEngine, migrationsDir: string, database: string): Promise<void> {
  const { action } = await engine.devDiagnostic({
    migrationsList: await listMigrations(migrationsDir),
    filters: NO_FILTER,
  });
  if (action.tag === 'reset') {
    // We never reset: the dev database may hold someone's data. A scratch database is cheap.
    throw new Error(
      `database "${database}" does not match the migration history (${action.reason}); drop it or point DATABASE_URL at a scratch database`,
    );
  }
}
