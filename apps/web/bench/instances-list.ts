// Benchmark (not a test): seeds 100k instances into a dedicated database with one generate_series
// INSERT (contexts, states entered at different times and failed tasks for the search queries: search-queries.ts),
// then prints p50/p95 server time of instance list pages and searches through the tRPC caller.
// Run: pnpm --filter @switchyard/web bench:instances   (BENCH_ROWS=100000 by default)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine } from '@switchyard/engine';
import { createAuth } from '../src/server/auth';
import { createTrpcContext } from '../src/server/context';
import { createCaller } from '../src/server/routers';
import { explainSearch, measureSearch, seedSearchData } from './search-queries';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = 60;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://switchyard_app@127.0.0.1:5432/switchyard_bench';
const root = join(import.meta.dirname, '..', '..', '..');
const cliEnv = { ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: 'sy-bench', LOG_LEVEL: 'warn' };
const switchyard = (...args: string[]) =>
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['packages/engine/src/cli/main.ts', ...args], {
    cwd: root,
    env: cliEnv,
    stdio: 'pipe',
  });

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
  console.log(`${label.padEnd(56)} p50 ${q(0.5).padStart(7)} ms   p95 ${q(0.95).padStart(7)} ms`);
}

async function main(): Promise<void> {
  switchyard('migrate');
  switchyard('seed');
  const engine = createEngine({
    databaseUrl,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: 'sy-bench',
  });
  const prisma = engine.deps.prisma;
  const counted = await prisma.$queryRaw<
    { count: bigint }[]
  >`SELECT count(*) FROM "WorkflowInstance" WHERE "tenantId" = 'demo'`;
  const count = Number(counted[0]?.count ?? 0);
  if (count < ROWS) {
    const started = performance.now();
    const missing = ROWS - count;
    await prisma.$executeRawUnsafe(`
      INSERT INTO "WorkflowInstance" (id, "tenantId", "definitionId", "definitionKey", "definitionVersion", "businessKey", status, "stateValue", context, snapshot, version, "lastSeq", input, "createdBy", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'demo', d.id, d.key, d.version, 'bk-' || g,
        (ARRAY['running','completed','completed','completed','failed','cancelled'])[1 + g % 6]::"InstanceStatus",
        (ARRAY['notify','done','done','done','notify','start'])[1 + g % 6], '{}'::jsonb, '{}'::jsonb, 1, 0, '{}'::jsonb, 'bench',
        now() - (g || ' seconds')::interval, now()
      FROM generate_series(1, ${missing}) AS g
      CROSS JOIN LATERAL (SELECT id, key, version FROM "WorkflowDefinition" WHERE "tenantId" = 'demo' AND key = 'hello-workflow' ORDER BY version DESC LIMIT 1) d`);
    await prisma.$executeRawUnsafe('ANALYZE "WorkflowInstance"');
    console.log(`seeded ${missing} instances in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await seedSearchData(prisma);
  const { token } = await engine.service.createApiToken(
    { tenantId: 'demo', actor: { type: 'system', id: 'bench' } },
    { name: 'bench', role: 'viewer' },
  );
  const caller = createCaller(
    createTrpcContext({
      engine,
      auth: createAuth(engine, {
        secret: 'switchyard-bench-secret-at-least-32-chars',
        baseURL: 'http://localhost:3000',
        trustedOrigins: [],
      }),
      headers: new Headers({ authorization: `Bearer ${token}` }),
    }),
  );
  const first = await caller.instances.list({ limit: 50 });
  console.log(`instances in tenant demo: ${ROWS}+; measuring ${RUNS} runs each`);
  await time('first page (50, newest first)', () => caller.instances.list({ limit: 50 }));
  await time('second page (cursor)', () => caller.instances.list({ limit: 50, cursor: first.nextCursor ?? undefined }));
  await time('filtered: status=failed', () => caller.instances.list({ limit: 50, status: 'failed' }));
  await time('filtered: definition + v1 + state=notify', () =>
    caller.instances.list({ limit: 50, definitionKey: 'hello-workflow', definitionVersion: 1, stateValue: 'notify' }),
  );
  await time('search: business key prefix bk-4242', () => caller.instances.list({ limit: 50, search: 'bk-4242' }));
  await time('stats.countsByStatus', () => caller.stats.countsByStatus());
  await time('stats.countsByDefinition', () => caller.stats.countsByDefinition());
  await measureSearch(caller, time);
  if (process.env.BENCH_EXPLAIN === '1') await explainSearch(prisma);
  await engine.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
