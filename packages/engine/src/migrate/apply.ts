import { existsSync } from 'node:fs';
import { grantAppRole, type AppRole } from './app-role';
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
  /** The least-privilege role the app connects as: created if missing and granted after the migrations. */
  appRole?: AppRole;
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
    if (options.appRole) {
      await grantAppRole(target, options.appRole);
      log(`granted the app role ${options.appRole.name}`);
    }
    return { applied: appliedMigrationNames };
  });
}
