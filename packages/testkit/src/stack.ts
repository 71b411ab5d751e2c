import { randomBytes } from 'node:crypto';
import {
  createEngine,
  createLogger,
  ORCHESTRATOR_QUEUE,
  TASK_RUNNER_QUEUE,
  type Engine,
  type RedisTarget,
  type TenantContext,
} from '@switchyard/engine';
import { APP_ROLE, applyMigrations, dropDatabase } from '@switchyard/engine/migrate';
import { BUILTIN_TASK_TYPES } from '@switchyard/engine/contracts';
import pg from 'pg';
import { onCleanup } from './cleanup';

export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Set (e.g. `SWITCHYARD_TEST_NS=w2`) to keep parallel checkouts on one machine out of each other's databases. */
export const TEST_NS = process.env.SWITCHYARD_TEST_NS ? `_${process.env.SWITCHYARD_TEST_NS}` : '';

/** A dedicated database and queue prefix with the engine's service API in this process. */
export interface Stack {
  /** The least-privilege app role's URL: what the engine and the workers connect as, like production. */
  databaseUrl: string;
  /** The owner's URL: measurements and checks that bypass the engine (and may create triggers or tables). */
  ownerUrl: string;
  redisUrl: string;
  /** `host:port` of the Redis Cluster masters the queues live on; empty for a single Redis at `redisUrl`. */
  redisClusterNodes: string[];
  queuePrefix: string;
  engine: Engine;
  ctx: TenantContext;
  /** A plain pg pool on the stack's database, for checks and measurements that bypass the engine. */
  sql: pg.Pool;
  /** Obliterates the stack's queues (orchestrator and task runner). */
  obliterateQueues(): Promise<void>;
}

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Recreates `database`, migrates it, seeds one tenant and publishes `specs`; cleanup drops it all again. */
export async function createStack(
  baseName: string,
  prefixStem: string,
  specs: unknown[],
  redis: string | RedisTarget = REDIS_URL,
): Promise<Stack> {
  const { url: redisUrl, clusterNodes: redisClusterNodes = [] } = typeof redis === 'string' ? { url: redis } : redis;
  const database = `${baseName}${TEST_NS}`;
  const ownerUrl = urlFor(database);
  const appUrl = new URL(ownerUrl);
  appUrl.username = APP_ROLE;
  appUrl.password = '';
  const databaseUrl = appUrl.toString();
  await dropDatabase(ownerUrl);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`).finally(() => admin.end());
  onCleanup(() => dropDatabase(ownerUrl));
  await applyMigrations({ databaseUrl: ownerUrl, log: () => undefined, appRole: { name: APP_ROLE } });

  const queuePrefix = `${prefixStem}-${randomBytes(4).toString('hex')}`;
  // POISON is the poison drill's handler (registered with extendRegistry); publishing must know it.
  const engine = createEngine({
    databaseUrl,
    redisUrl,
    redisClusterNodes,
    queuePrefix,
    logger: createLogger({ level: 'silent' }),
    poolSize: 40,
    taskTypes: [...BUILTIN_TASK_TYPES, 'POISON'],
  });
  const obliterateQueues = async () => {
    for (const name of [ORCHESTRATOR_QUEUE, TASK_RUNNER_QUEUE] as const)
      await engine.deps.publisher.queue(name).obliterate({ force: true });
  };
  onCleanup(async () => {
    await obliterateQueues().catch(() => undefined);
    await engine.close();
  });
  // A pool rather than one client: a drill that restarts Postgres kills idle sessions, and a pool reconnects.
  const sql = new pg.Pool({ connectionString: ownerUrl, max: 4 });
  sql.on('error', () => undefined);
  onCleanup(() => sql.end().catch(() => undefined));

  const ctx: TenantContext = { tenantId: 'bench', actor: { type: 'api', id: 'bench' } };
  await engine.deps.prisma.tenant.create({ data: { id: ctx.tenantId, name: 'Bench' } });
  for (const spec of specs) await engine.service.publishDefinition(ctx, { spec });
  return { databaseUrl, ownerUrl, redisUrl, redisClusterNodes, queuePrefix, engine, ctx, sql, obliterateQueues };
}
