// Times applying pending events in this process with batches of 1, 8 and 64 per transaction, and counts the SQL
// round trips per event by wrapping pg's Client.query. Run: tsx bench/profile/apply-event-probe.ts
import { applyPendingEvents } from '../../packages/engine/src/store/instance-batch';
import { inTransaction } from '../../packages/engine/src/store/sql/transaction';
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
  // No workers run here: events wait in the outbox and this process applies them, batch by batch.
  const ids: string[] = [];
  for (let i = 0; i < 64; i++)
    ids.push((await stack.engine.service.startInstance(stack.ctx, { definitionKey: 'bench-counter' })).instanceId);
  const deps = { pool: stack.engine.deps.pool, prisma: stack.engine.deps.prisma, definitions: new DefinitionCache() };
  const drain = async (instanceId: string, limit: number) => {
    for (;;) {
      const { found } = await inTransaction(deps.pool, (client) =>
        applyPendingEvents({ ...deps, now: new Date() }, client, { tenantId: 'bench', instanceId }, { limit }),
      );
      if (found < limit) return;
    }
  };
  for (const batch of [1, 8, 64]) {
    const n = 1_024;
    await runPool(n, 16, async (i) => {
      await stack.engine.service.sendEvent(stack.ctx, {
        instanceId: ids[i % ids.length]!,
        type: 'TICK',
        payload: { n: i },
      });
    });
    queries.clear();
    queryMs.clear();
    pgMs = 0;
    const t = performance.now();
    for (const id of ids) await drain(id, batch);
    const ms = (performance.now() - t) / n;
    console.log(
      `batch ${batch}: ${ms.toFixed(3)} ms/event → ${Math.round(1000 / ms)} events/s sequentially; inside pg.query: ${(pgMs / n).toFixed(3)} ms/event`,
    );
    for (const [k, v] of [...queries].sort((a, b) => b[1] - a[1]))
      console.log(`  ${(v / n).toFixed(3)} × ${((queryMs.get(k) ?? 0) / v).toFixed(2)} ms  ${k}`);
  }
} finally {
  await runCleanup();
}
process.exit(0);
