import pg from 'pg';
import type { PgTarget } from './connection';
import { pgConfig } from './connection';

// Our own key, deliberately not Prisma's (72707369): if the engine ever takes Prisma's lock on its
// own connection while we held the same key on ours, the two sessions would deadlock.
const MIGRATE_LOCK_KEY = 7_279_116_001n;

/** Runs fn while holding a session advisory lock on the target database, so concurrent runs serialize. */
export async function withMigrateLock<T>(target: PgTarget, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConfig(target));
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY.toString()]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK_KEY.toString()]);
    }
  } finally {
    await client.end();
  }
}
