// Times applyEvent in this process, sequentially and with N in parallel, and counts the SQL round trips per event
// by wrapping pg's Client.query (the adapter underneath Prisma uses it). Run: tsx bench/profile/apply-event-probe.ts
import { applyEvent } from '../../packages/engine/src/store/apply-event';
import { DefinitionCache } from '../../packages/engine/src/store/definition-cache';
import pg from 'pg';
import { createStack, installSignalCleanup, runCleanup, runPool } from '@switchyard/testkit';
import { counterSpec } from '../specs';

const queries = new Map<string, number>();
let pgMs = 0;
const queryMs = new Map<string, number>();
const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const original = proto.query;
proto.query = function patched(this: unknown, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '?');
  const key = text.replace(/\s+/g, ' ').slice(0, 90);
  queries.set(key, (queries.get(key) ?? 0) + 1);
  const started = performance.now();
  const result = original.apply(this, args);
  if (result instanceof Promise) {
    return result.finally(() => {
      const ms = performance.now() - started;
      pgMs += ms;
      queryMs.set(key, (queryMs.get(key) ?? 0) + ms);
    });
  }
  return result;
};

installSignalCleanup();
try {
  const stack = await createStack('switchyard_bench_probe', 'probe', [counterSpec]);
  const definition = await stack.engine.deps.prisma.workflowDefinition.findFirstOrThrow({
    where: { key: 'bench-counter' },
  });
  void definition;
  const ids: string[] = [];
  // No workers run here: the WORKFLOW_START outbox rows stay behind, and we apply the start ourselves below.
  for (let i = 0; i < 64; i++)
    ids.push((await stack.engine.service.startInstance(stack.ctx, { definitionKey: 'bench-counter' })).instanceId);
  // Start them through applyEvent itself, so snapshots are real.
  const definitions = new DefinitionCache();
  const deps = { pool: stack.engine.deps.pool, prisma: stack.engine.deps.prisma, definitions, now: new Date() };
  for (const id of ids)
    await applyEvent(
      { ...deps, now: new Date() },
      { tenantId: 'bench', instanceId: id, event: { type: 'WORKFLOW_START' }, actor: { type: 'api', id: 'probe' } },
    );
  const tick = (i: number) =>
    applyEvent(
      { ...deps, now: new Date() },
      {
        tenantId: 'bench',
        instanceId: ids[i % ids.length]!,
        event: { type: 'TICK', payload: { n: i } },
        actor: { type: 'api', id: 'probe' },
      },
    );

  queries.clear();
  queryMs.clear();
  pgMs = 0;
  const n = 500;
  let t = performance.now();
  for (let i = 0; i < n; i++) await tick(i);
  const seqMs = (performance.now() - t) / n;
  console.log(
    `sequential: ${seqMs.toFixed(2)} ms/event → ${Math.round(1000 / seqMs)} events/s; inside pg.query: ${(pgMs / n).toFixed(2)} ms/event`,
  );
  console.log('queries per event:');
  for (const [k, v] of [...queries].sort((a, b) => b[1] - a[1]))
    console.log(`  ${(v / n).toFixed(2)} × ${((queryMs.get(k) ?? 0) / v).toFixed(2)} ms  ${k}`);
  for (const parallel of [8, 16, 32]) {
    t = performance.now();
    await runPool(2_000, parallel, async (i) => {
      await tick(i);
    });
    console.log(`parallel ${parallel}: ${Math.round(2_000 / ((performance.now() - t) / 1000))} events/s`);
  }
} finally {
  await runCleanup();
}
process.exit(0);
