// The orchestrator's job is "this instance has work", deduplicated per instance. These tests hold the fast path to
// its promises with the sweeper switched off (it runs once an hour here), so nothing is rescued by the backstop.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitUntil, type Harness } from '../support/harness';
import { counterSpec } from '../support/specs';

const NO_SWEEPER = { sweepIntervalMs: 3_600_000, sweepGraceMs: 3_600_000 };

async function version(h: Harness, instanceId: string): Promise<number> {
  const { rows } = await h.engine.deps.pool.query<{ v: number }>(
    'SELECT version AS v FROM "WorkflowInstance" WHERE id = $1::uuid',
    [instanceId],
  );
  return rows[0]?.v ?? -1;
}

/** How many transactions applied the instance's TICKs: each batch stamps its entries with its own time. */
async function tickTransactions(h: Harness, instanceId: string): Promise<number> {
  const { rows } = await h.engine.deps.pool.query<{ n: number }>(
    `SELECT count(DISTINCT "createdAt")::int AS n FROM "WorkflowEvent"
     WHERE "instanceId" = $1::uuid AND type = 'event.received' AND payload->>'event' = 'TICK'`,
    [instanceId],
  );
  return rows[0]?.n ?? 0;
}

async function ticksInOrder(h: Harness, instanceId: string): Promise<number[]> {
  const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['event.received'] });
  return timeline.flatMap((e) => {
    const p = e.payload as { event: string; payload: { n: number } | null };
    return p.event === 'TICK' && p.payload ? [p.payload.n] : [];
  });
}

describe('instance wake-ups', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: counterSpec });
  });
  afterAll(async () => h.close());

  it('applies an event committed while its instance’s wake-up is running, without the sweeper', async () => {
    h.startWorker(NO_SWEEPER);
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'counter' });
    expect(await version(h, instanceId)).toBe(1); // WORKFLOW_START applied in the start's own transaction
    const orchestrator = h.engine.deps.publisher.queue('workflow-orchestrator');

    // Hold the instance row, so the wake-up for TICK 1 becomes active and waits for the lock with its snapshot
    // taken: TICK 2, committed and published now, is invisible to that batch and its wake-up is deduplicated.
    const holder = new pg.Client({ connectionString: h.ownerDatabaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM "WorkflowInstance" WHERE id = $1::uuid FOR UPDATE', [instanceId]);
      await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'TICK', payload: { n: 1 } });
      await waitUntil(async () => (await orchestrator.getActiveCount()) === 1, 'the wake-up to be running');
      // …and its lock statement (with its snapshot) is waiting for the row.
      await waitUntil(async () => {
        // Activity statistics are read once per transaction unless the snapshot is cleared, and holder is in one.
        await holder.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'WITH inst AS MATERIALIZED%'`,
        );
        return rows[0]!.n === 1;
      }, 'the batch to wait for the instance lock');
      await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'TICK', payload: { n: 2 } });
      expect(await orchestrator.getWaitingCount()).toBe(0); // no second job beside the running one: it is kept
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }

    await waitUntil(async () => (await version(h, instanceId)) === 3, 'both TICKs to be applied', 10_000);
    expect(await ticksInOrder(h, instanceId)).toEqual([1, 2]);
    // Two transactions: the running wake-up applied TICK 1, then took over the wake-up BullMQ kept for TICK 2 and
    // applied it too (or, had it not, the kept one would have run after it: the same two transactions).
    expect(await tickTransactions(h, instanceId)).toBe(2);
  });

  it('applies a burst to one instance in order, exactly once, in a few transactions', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'counter' });
    const orchestrator = h.engine.deps.publisher.queue('workflow-orchestrator');
    await orchestrator.pause();
    const burst = 300;
    for (let n = 1; n <= burst; n++)
      await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'TICK', payload: { n } });
    // One deduplicated wake-up stands for all of them.
    expect(await orchestrator.count()).toBe(1);
    await orchestrator.resume();

    await waitUntil(async () => (await version(h, instanceId)) === burst + 1, 'the burst to be applied', 20_000);
    expect(await ticksInOrder(h, instanceId)).toEqual(Array.from({ length: burst }, (_, i) => i + 1));
    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId });
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
    // 300 events in batches of at most 64: five transactions.
    expect(await tickTransactions(h, instanceId)).toBe(Math.ceil(burst / 64));
  });
});
