import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';

const spec = {
  id: 'keeps-input',
  initial: 'waiting',
  context: { greeted: false, note: 'default' },
  states: {
    waiting: { on: { WORKFLOW_START: { target: 'started' } } },
    started: { on: { GO: { target: 'done' } } },
    done: { type: 'final' },
  },
};

describe('a large start input', () => {
  let h: Harness;
  let owner: pg.Client;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec });
    owner = new pg.Client({ connectionString: h.ownerDatabaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await h.close();
  });

  it('is stored once as the input (and once as the context it starts), never copied into the snapshot, the timeline or the outbox', async () => {
    // Random text, so Postgres cannot compress the copies away: 200 KiB.
    const blob = randomBytes(150 * 1024).toString('base64');
    const input = { blob, note: 'mine' };
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'keeps-input', input });

    const { rows } = await owner.query<{
      input: number;
      context: number;
      snapshot: number;
      timeline: number;
      outbox: number;
      tasks: number;
      row: number;
    }>(
      `SELECT pg_column_size(i.input) AS input, pg_column_size(i.context) AS context, pg_column_size(i.snapshot) AS snapshot,
         pg_column_size(i.*) AS row,
         (SELECT coalesce(sum(pg_column_size(e.*)), 0) FROM "WorkflowEvent" e WHERE e."instanceId" = i.id)::int AS timeline,
         (SELECT coalesce(sum(pg_column_size(o.*)), 0) FROM "Outbox" o WHERE o."instanceId" = i.id)::int AS outbox,
         (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM "Task" t WHERE t."instanceId" = i.id)::int AS tasks
       FROM "WorkflowInstance" i WHERE i.id = $1`,
      [instanceId],
    );
    const sizes = rows[0]!;
    expect(sizes.input).toBeGreaterThan(200 * 1024);
    // The context is the live state the input started (searched and changed by the workflow): the one other copy.
    expect(sizes.context).toBeGreaterThan(200 * 1024);
    expect(sizes.snapshot).toBeLessThan(1024);
    expect(sizes.timeline).toBeLessThan(4 * 1024);
    expect(sizes.outbox + sizes.tasks).toBeLessThan(4 * 1024);
    // Everything written for the instance: the input and the context, and a few KiB besides.
    expect(sizes.timeline + sizes.outbox + sizes.tasks + sizes.row).toBeLessThan(
      sizes.input + sizes.context + 8 * 1024,
    );

    // Readers see what they saw when the entries held copies: the input, and the spec's context with it merged over.
    const [started, received] = await h.engine.service.getTimeline(h.ctx, { instanceId, limit: 2 });
    expect(started).toMatchObject({ type: 'instance.started' });
    expect(started!.payload).toMatchObject({ input, context: { greeted: false, note: 'mine', blob } });
    expect(Object.keys((started!.payload as { context: object }).context)).toEqual(['blob', 'note', 'greeted']);
    expect(received).toMatchObject({ type: 'event.received', payload: { event: 'WORKFLOW_START', payload: input } });
    const instance = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(instance).toMatchObject({ stateValue: 'started', context: { greeted: false, note: 'mine', blob } });

    // The stored snapshot without its context still restores: the next event applies against the whole context.
    h.startWorker();
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'GO' });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.context).toEqual({ greeted: false, note: 'mine', blob });
  });
});
