import { parseDatabaseUrl } from './connection';
import { ensureDatabase } from './database';
import type { Log } from './engine-session';
import { noLog, withSchemaEngine } from './engine-session';
import { NO_FILTER } from './filters';
import { listMigrations } from './migrations-dir';
import { defaultMigrationsDir, defaultSchemaPath } from './paths';
import { readSchemaFiles } from './schema-files';

export interface CheckDriftOptions {
  databaseUrl: string;
  schemaPath?: string;
  migrationsDir?: string;
  log?: Log;
}

// With exitCode: true the engine reports 2 when the diff is non-empty (as `migrate diff --exit-code`).
const DIFF_NOT_EMPTY = 2;

/**
 * Whether schema.prisma differs from what the migrations produce (a forgotten migration).
 * The migrations are replayed into a shadow database on the URL's server, so this needs CREATEDB;
 * the database in the URL is created when missing (the engine connects to it) but not modified.
 */
export async function checkDrift(options: CheckDriftOptions): Promise<{ drift: boolean; script: string }> {
  const log = options.log ?? noLog;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const schemaFiles = await readSchemaFiles(options.schemaPath ?? defaultSchemaPath());
  const target = parseDatabaseUrl(options.databaseUrl);
  await ensureDatabase(options.databaseUrl);
  const result = await withSchemaEngine(target, schemaFiles, log, async (engine) =>
    engine.diff({
      from: { tag: 'migrations', ...(await listMigrations(migrationsDir)) },
      to: { tag: 'schemaDatamodel', files: schemaFiles },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    }),
  );
  return { drift: result.exitCode === DIFF_NOT_EMPTY, script: result.stdout ?? '' };
}
