import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };

export interface DatabaseOptions {
  databaseUrl: string;
  /** Pool size per process. Each orchestrator/task slot holds one connection during its transaction. */
  poolSize?: number;
  /** Told about connection errors that happen outside any query (a terminated idle backend, a restart). */
  onIdleError?: (error: Error) => void;
}

export interface Database {
  prisma: PrismaClient;
  /** The same pool Prisma uses: the hot paths speak SQL to it directly. */
  pool: pg.Pool;
}

/**
 * One node-postgres pool per process, shared by Prisma (through its driver adapter, no native engine) and the
 * hot paths. Only entry points call this.
 */
export function createDatabase({ databaseUrl, poolSize = 10, onIdleError }: DatabaseOptions): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // Without a listener, an idle connection killed by the server (pg_terminate_backend, a Postgres restart)
  // raises an unhandled 'error' event and takes the whole process down. The pool drops the client and moves on.
  pool.on('error', (error) => onIdleError?.(error));
  // The pool listens only while a connection is idle in it. A connection checked out between two statements of
  // a transaction gets its own listener; the statement in flight fails and the transaction rolls back instead.
  pool.on('connect', (client) => client.on('error', (error) => onIdleError?.(error)));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}
