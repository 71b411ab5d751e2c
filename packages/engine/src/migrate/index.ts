// Migrations through Prisma's WebAssembly schema engine (the native engine cannot be downloaded on
// our machines). The migrations folder stays in Prisma's own layout, so `prisma migrate deploy`
// accepts it wherever the native engine is available. See /work/shared/PRISMA-OFFLINE.md.
export { ensureDatabase, dropDatabase } from './database';
export { applyMigrations } from './apply';
export { APP_ROLE, APPEND_ONLY_TABLES, appRoleFromUrl, defaultOwnerUrl, grantAppRole } from './app-role';
export type { AppRole } from './app-role';
export type { ApplyMigrationsOptions } from './apply';
export { createMigration } from './create';
export type { CreateMigrationOptions } from './create';
export { checkDrift } from './drift';
export type { CheckDriftOptions } from './drift';
export type { Log } from './engine-session';
export { findRepoRoot, defaultMigrationsDir, defaultSchemaPath } from './paths';
