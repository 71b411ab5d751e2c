import { randomUUID } from 'node:crypto';
import type { PgTarget } from './connection';
import { quoteIdent, withAdminClient } from './connection';

/** A throwaway database the engine replays migrations into. */
export interface ShadowDatabase {
  name: string;
  /** Drops it; call only after every pool on it has been closed. Safe to call twice. */
  drop(): Promise<void>;
}

/** Creates a uniquely named shadow database on the target's server (needs CREATEDB). */
export async function createShadowDatabase(target: PgTarget): Promise<ShadowDatabase> {
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  await withAdminClient(target, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  let dropped: Promise<void> | undefined;
  return {
    name,
    drop() {
      // WITH (FORCE): a backend of a just-closed pool can linger for a moment after the client
      // disconnects, and a plain DROP would then fail with "being accessed by other users".
      dropped ??= withAdminClient(target, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}
