import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from this file to the directory holding pnpm-workspace.yaml (the repo root). */
export function findRepoRoot(start: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${start}`);
    dir = parent;
  }
}

/** Default location of prisma/migrations in the repo. */
export function defaultMigrationsDir(): string {
  return path.join(findRepoRoot(), 'prisma', 'migrations');
}

/** Default location of prisma/schema.prisma in the repo. */
export function defaultSchemaPath(): string {
  return path.join(findRepoRoot(), 'prisma', 'schema.prisma');
}
