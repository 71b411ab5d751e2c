// The search part of the 100k-instance list benchmark: gives the seeded instances contexts, states entered at
// different times and failed tasks to find, then times the search procedures (page and count) over them.
import { instanceWhere, type Engine } from '@switchyard/engine';
import { instanceFilterSchema } from '@switchyard/engine/search';
import type { createCaller } from '../src/server/routers';

type Caller = ReturnType<typeof createCaller>;
type PrismaClient = Engine['deps']['prisma'];
type Time = (label: string, fn: () => Promise<unknown>) => Promise<void>;

/** Idempotent: only instances without a context yet, and only if there are no bench tasks yet. */
export async function seedSearchData(prisma: PrismaClient): Promise<void> {
  const updated = await prisma.$executeRawUnsafe(`
    WITH numbered AS (SELECT id, row_number() OVER (ORDER BY "createdAt") AS g FROM "WorkflowInstance" WHERE "tenantId" = 'demo' AND context = '{}'::jsonb)
    UPDATE "WorkflowInstance" i SET
      context = jsonb_build_object(
        'customer', jsonb_build_object('tier', (ARRAY['gold','silver','bronze','platinum'])[1 + n.g % 4], 'region', (ARRAY['eu','us','apac'])[1 + n.g % 3]),
        'amount', (n.g * 37) % 5000, 'orderId', 'ord-' || n.g,
        'tags', CASE WHEN n.g % 10 = 0 THEN '["urgent"]'::jsonb ELSE '[]'::jsonb END),
      "stateEnteredAt" = now() - ((n.g % 7200) || ' seconds')::interval
    FROM numbered n WHERE i.id = n.id`);
  const tasks = await prisma.$queryRawUnsafe<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM "Task" WHERE name = 'bench-task'`,
  );
  if ((tasks[0]?.count ?? 0) === 0) {
    // One task per ten instances; a third of them failed with one of three kinds of error.
    await prisma.$executeRawUnsafe(`
      INSERT INTO "Task" (id, "tenantId", "instanceId", type, name, input, status, attempts, "maxAttempts", "lastError", "nextRunAt", "createdAt", "updatedAt", "finishedAt")
      SELECT gen_random_uuid(), 'demo', i.id, CASE WHEN i.n % 20 = 0 THEN 'HTTP' ELSE 'EMAIL' END, 'bench-task', '{}'::jsonb,
        CASE WHEN i.n % 30 = 0 THEN 'failed' ELSE 'succeeded' END::"TaskStatus", 1, 3,
        CASE WHEN i.n % 30 = 0 THEN (ARRAY['GET https://api.example.com/orders/' || i.n || ' failed: 503', 'timeout after ' || (i.n % 900) || ' ms', 'mailbox "' || i.n || '@example.com" is full'])[1 + (i.n / 30) % 3] END,
        now(), now() - ((i.n % 86000) || ' seconds')::interval, now() - ((i.n % 86000) || ' seconds')::interval, now() - ((i.n % 86000) || ' seconds')::interval
      FROM (SELECT id, row_number() OVER (ORDER BY "createdAt") AS n FROM "WorkflowInstance" WHERE "tenantId" = 'demo') i WHERE i.n % 10 = 0`);
  }
  if (updated > 0) await prisma.$executeRawUnsafe('ANALYZE "WorkflowInstance"; ANALYZE "Task"');
}

const gold = { path: 'context.customer.tier', op: 'eq', value: 'gold' } as const;

const cases: [string, Parameters<Caller['search']['instances']>[0]][] = [
  ['context.customer.tier = gold (25%)', { where: [gold] }],
  ['context.orderId = ord-4242 (1 row)', { where: [{ path: 'context.orderId', op: 'eq', value: 'ord-4242' }] }],
  ['context.amount > 4900 (2%)', { where: [{ path: 'context.amount', op: 'gt', value: 4900 }] }],
  [
    'tier = gold + amount > 4900 + failed',
    { where: [gold, { path: 'context.amount', op: 'gt', value: 4900 }], status: 'failed' },
  ],
  ['context.tags ~ urgent (10%)', { where: [{ path: 'context.tags', op: 'contains', value: 'urgent' }] }],
  ['context.note exists (none)', { where: [{ path: 'context.note', op: 'exists' }] }],
  ['waiting > 1h (running)', { waitingLongerThan: '1h' }],
  ['task type HTTP', { taskType: 'HTTP' }],
  ['error text "orders/42"', { errorText: 'orders/42' }],
  ['error signature', { errorSignature: 'GET <url> failed: <n>' }],
];

/** Each filter kind as the console sends it: a page of 50 and, separately, the (capped) count. */
export async function measureSearch(caller: Caller, time: Time): Promise<void> {
  for (const [label, filter] of cases) {
    await time(`search page: ${label}`, () => caller.search.instances({ ...filter, limit: 50 }));
    await time(`search count: ${label}`, () => caller.search.count(filter));
  }
  await time('incidents (24 h)', () => caller.search.incidents({ window: '24h' }));
  await time('incidents (7 d)', () => caller.search.incidents({ window: '7d' }));
}

/** BENCH_EXPLAIN=1: the plan of each case's page query, as the service builds it. */
export async function explainSearch(prisma: PrismaClient): Promise<void> {
  for (const [label, raw] of cases) {
    const where = instanceWhere('demo', instanceFilterSchema.parse(raw), new Date());
    const plan = await prisma.$queryRaw<{ 'QUERY PLAN': string }[]>`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF)
      SELECT i.id FROM "WorkflowInstance" i WHERE ${where} ORDER BY i."createdAt" DESC, i.id DESC LIMIT 51`;
    console.log(`\n-- ${label}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
}
