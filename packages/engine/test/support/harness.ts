import { randomBytes } from 'node:crypto';
import { createEngine, type Engine } from '../../src/runtime/engine';
import { startWorkerRuntime, type WorkerRuntime, type WorkerRuntimeConfig } from '../../src/runtime/worker-runtime';
import type { TenantContext } from '../../src/contracts/actor';
import type { InstanceDetail, TimelineItem } from '../../src/service';
import { seedDemo } from '../../src/seed';
import { createLogger } from '../../src/logger';
import { createTestDatabase } from './database';
import { BUILTIN_TASK_TYPES } from '../../src/contracts/events';

/** Task types the tests' workers add with extendRegistry: publishing knows them, as a deployment's would. */
const testTaskTypes = [...BUILTIN_TASK_TYPES, 'FLAKY', 'BROKEN_INPUT', 'COUNTED', 'SLOW', 'BLOCK'];

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Harness {
  engine: Engine;
  /** The app role's URL (least privilege), as the engine connects. */
  databaseUrl: string;
  /** The owner's URL, for a test's own inspection that needs more than the app may do. */
  ownerDatabaseUrl: string;
  queuePrefix: string;
  ctx: TenantContext;
  /** Starts a worker runtime in this process against the harness's database and queue prefix. */
  startWorker(overrides?: Partial<WorkerRuntimeConfig>): WorkerRuntime;
  waitForInstance(
    instanceId: string,
    done: (i: InstanceDetail) => boolean,
    timeoutMs?: number,
  ): Promise<InstanceDetail>;
  /** Resolves with the first timeline entry of the given kind once it exists. */
  waitForEntry(instanceId: string, type: string): Promise<TimelineItem>;
  close(): Promise<void>;
}

/** A fresh database, a unique BullMQ prefix and the demo tenant seeded: everything real, nothing shared. */
export async function createHarness(): Promise<Harness> {
  const database = await createTestDatabase();
  const queuePrefix = `sytest-${randomBytes(4).toString('hex')}`;
  const engine = createEngine({
    databaseUrl: database.url,
    redisUrl: REDIS_URL,
    queuePrefix,
    taskTypes: testTaskTypes,
  });
  await seedDemo(engine.deps.prisma, engine.service);
  const workers: WorkerRuntime[] = [];
  const ctx: TenantContext = { tenantId: 'demo', actor: { type: 'operator', id: 'tester' } };
  return {
    engine,
    databaseUrl: database.url,
    ownerDatabaseUrl: database.ownerUrl,
    queuePrefix,
    ctx,
    startWorker(overrides = {}) {
      const runtime = startWorkerRuntime({
        databaseUrl: database.url,
        redisUrl: REDIS_URL,
        queuePrefix,
        logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
        backoff: { baseMs: 50, maxMs: 1_000 },
        sweepIntervalMs: 200,
        sweepGraceMs: 1_000,
        ...overrides,
      });
      // A test may stop a worker itself; close() then must not stop it a second time.
      let stopping: Promise<void> | undefined;
      const stop = runtime.stop.bind(runtime);
      runtime.stop = () => (stopping ??= stop());
      workers.push(runtime);
      return runtime;
    },
    async waitForInstance(instanceId, done, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last: InstanceDetail | undefined;
      while (Date.now() < deadline) {
        last = await engine.service.getInstance(ctx, { instanceId });
        if (done(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Say what did happen, so a failure explains itself without a rerun.
      const timeline = await engine.service.getTimeline(ctx, { instanceId });
      const tasks = last?.tasks.map((t) => `${t.name}:${t.status}/${t.attempts}`).join(', ');
      throw new Error(
        `instance ${instanceId} did not reach the expected condition in ${timeoutMs} ms; last seen: ${last?.status} in ${last?.stateValue}; tasks: ${tasks}; timeline: ${timeline.map((e) => e.type).join(' ')}`,
      );
    },
    waitForEntry(instanceId, type) {
      return waitUntil(
        async () => (await engine.service.getTimeline(ctx, { instanceId, types: [type] }))[0],
        `a ${type} entry on ${instanceId}`,
      );
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      await engine.close();
      await database.drop();
    },
  };
}

export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
