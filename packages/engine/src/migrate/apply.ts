import { existsSync } from 'node:fs';
import { parseDatabaseUrl } from './connection';
import type { Log } from './engine-session';
import { noLog, withSchemaEngine } from './engine-session';
import { NO_FILTER } from './filters';
import { withMigrateLock } from './lock';
import { listMigrations } from './migrations-dir';
import { defaultMigrationsDir } from './paths';

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  migrationsDir?: string;
  log?: Log;
}

/** Applies pending migrations like `prisma migrate deploy`, serialized by an advisory lock. */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const log = options.log ?? noLog;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  if (!existsSync(migrationsDir)) throw new Error(`migrations directory not found: ${migrationsDir}`);
  const target = parseDatabaseUrl(options.databaseUrl);
  return withMigrateLock(target, async () => {
    // Read inside the lock: what another process applied meanwhile is then already recorded.
    const migrationsList = await listMigrations(migrationsDir);
    log(`${migrationsList.migrationDirectories.length} migration(s) in ${migrationsDir}`);
    const { appliedMigrationNames } = await withSchemaEngine(target, undefined, log, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    );
    for (const name of appliedMigrationNames) log(`applied ${name}`);
    return { applied: appliedMigrationNames };
  });
}
