// Before a CLI command touches Postgres or Redis, check they answer and the database is migrated, so a newcomer
// reads one line saying what to do instead of ioredis reconnect stack traces or a Prisma invocation dump.
import { readdir } from 'node:fs/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { defaultMigrationsDir } from '../migrate/paths';
import { redactUrl } from '../migrate/connection';

const TIMEOUT_MS = 3_000;
const START_HINT = 'bash scripts/ensure-services.sh';

/** A service the command needs is missing; the message is the one line the CLI prints. */
export class PreflightError extends Error {
  override readonly name = 'PreflightError';
}

function reasonOf(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}

/** Resolves when Redis answers PING; throws a PreflightError naming the URL and how to start it otherwise. */
export async function checkRedis(url: string): Promise<void> {
  // No reconnects and no offline queue: one attempt, one answer, and no "Unhandled error event" noise.
  const redis = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: TIMEOUT_MS,
  });
  let socketError: unknown = null;
  redis.on('error', (error) => {
    socketError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    // connect() rejects with "Connection is closed."; the socket's own error (ECONNREFUSED, ENOTFOUND) says more.
    throw new PreflightError(
      `cannot reach Redis at ${redactUrl(url)} (${reasonOf(socketError ?? error)}): start it with \`${START_HINT}\` or \`redis-server --daemonize yes\`, or set REDIS_URL`,
    );
  } finally {
    redis.disconnect();
  }
}

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(defaultMigrationsDir(), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

/** Resolves when Postgres answers and every migration in prisma/migrations is applied; otherwise one actionable line. */
export async function checkDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const code = reasonOf(error);
    if (code === '3D000')
      throw new PreflightError(
        `database not migrated: ${redactUrl(url)} does not exist yet; run \`pnpm switchyard migrate\` (it creates it)`,
      );
    // 28000: the role does not exist (migrate creates the app role) or may not log in here.
    if (code === '28000')
      throw new PreflightError(
        `database not migrated: cannot log in to ${redactUrl(url)} (${(error as Error).message}); run \`pnpm switchyard migrate\` (it creates the app role)`,
      );
    if (code === '28P01')
      throw new PreflightError(`PostgreSQL refused the password in DATABASE_URL (${redactUrl(url)})`);
    throw new PreflightError(
      `cannot reach PostgreSQL at ${redactUrl(url)} (${code}): start it with \`${START_HINT}\`, or set DATABASE_URL`,
    );
  }
  try {
    const table = await client.query<{ ok: boolean; readable: boolean }>(
      `SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok,
              CASE WHEN to_regclass('public._prisma_migrations') IS NULL THEN false ELSE has_table_privilege('public._prisma_migrations', 'SELECT') END AS readable`,
    );
    if (!table.rows[0]?.ok) throw new PreflightError('database not migrated: run `pnpm switchyard migrate`');
    // The least-privilege app role may not read the migrations table; only the owner can tell what is pending.
    if (!table.rows[0].readable) return;
    const applied = await client.query<{ name: string }>(
      'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Set(applied.rows.map((r) => r.name));
    const pending = (await migrationNames()).filter((name) => !done.has(name));
    if (pending.length)
      throw new PreflightError(
        `database not migrated: ${pending.length} migration(s) pending (${pending.join(', ')}); run \`pnpm switchyard migrate\``,
      );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A Prisma error about a missing table or column: the schema is older than the code (a migration is pending). */
export function notMigratedMessage(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'P2021' || code === 'P2022'
    ? 'database not migrated: a table or column the code needs is missing; run `pnpm switchyard migrate`'
    : null;
}
