import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, REDIS_URL, waitUntil, type Harness } from '../support/harness';
import { counterSpec, flowV1, flowV2, ledgerSpec } from '../support/ops-specs';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

function spawnWorker(h: Harness): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: h.databaseUrl, REDIS_URL, QUEUE_PREFIX: h.queuePrefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe('batches by query', () => {
  let h: Harness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    h = await createHarness();
    for (const spec of [counterSpec, ledgerSpec, flowV1]) await h.engine.service.publishDefinition(h.ctx, { spec });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await h.close();
  });

  async function start(key: string, n: number, input?: Record<string, unknown>) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (await h.engine.service.startInstance(h.ctx, { definitionKey: key, ...(input ? { input } : {}) })).instanceId,
      );
    return ids;
  }
  const batchDone = (batchId: string, timeoutMs = 60_000) =>
    waitUntil(
      async () => {
        const batch = await h.engine.service.getBatch(h.ctx, { batchId });
        return batch.status === 'completed' && batch;
      },
      `batch ${batchId} to complete`,
      timeoutMs,
    );

  it('previews a retry of failed instances with the exact count and what happens to each, then runs it once per instance', async () => {
    const worker = h.startWorker();
    const failing = await start('ledger', 4);
    const holding = await start('ledger', 2, { mode: 'hold' });
    for (const id of failing) await h.waitForInstance(id, (i) => i.status === 'failed');
    for (const id of holding) await h.waitForInstance(id, (i) => i.stateValue === 'holding');

    const where = { definitionKey: 'ledger', errorText: 'egress' };
    const preview = await h.engine.service.previewBatch(h.ctx, { where, action: { action: 'retry' } });
    expect(preview).toMatchObject({ count: 4, capped: false });
    expect(preview.groups).toEqual([{ text: 'will retry push-to-ledger', act: true, count: 4 }]);
    const wider = await h.engine.service.previewBatch(h.ctx, {
      where: { definitionKey: 'ledger' },
      action: { action: 'retry' },
    });
    expect(wider.count).toBe(6);
    expect(wider.groups).toEqual([
      { text: 'will retry push-to-ledger', act: true, count: 4 },
      { text: 'has no failed task; skipped', act: false, count: 2 },
    ]);
    expect(wider.sample[0]).toMatchObject({ id: failing[0], outcome: { act: true } });

    const { batchId, total } = await h.engine.service.startBatch(h.ctx, {
      where: { definitionKey: 'ledger' },
      action: { action: 'retry' },
      reason: 'ledger is back',
      ratePerSecond: 50,
    });
    expect(total).toBe(6);
    const done = await batchDone(batchId);
    expect(done).toMatchObject({ total: 6, succeeded: 4, skipped: 2, failed: 0, reason: 'ledger is back' });
    expect(done.items.map((i) => i.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'skipped',
      'skipped',
    ]);
    for (const id of failing) {
      const retried = await h.engine.service.getTimeline(h.ctx, { instanceId: id, types: ['task.retried'] });
      expect(retried.map((e) => (e.payload as { batchId?: string }).batchId)).toEqual([batchId]);
    }
    const audit = await h.engine.service.listAudit(h.ctx, { action: 'batch.completed' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: 'tester',
      reason: 'ledger is back',
      targetId: batchId,
      payload: {
        action: 'retry',
        query: { definitionKey: 'ledger' },
        counts: { total: 6, succeeded: 4, skipped: 2, failed: 0, notActedOn: 0 },
      },
    });
    await worker.stop();
  });

  it('resumes a batch after its worker is killed with SIGKILL and acts on every instance exactly once', async () => {
    // The killed worker's job is handed over once its lock expires (15 s) and another worker's stall check runs.
    const first = h.startWorker();
    const ids = await start('counter', 30);
    for (const id of ids) await h.waitForInstance(id, (i) => i.stateValue === 'counting');
    await first.stop();

    const victim = spawnWorker(h);
    children.push(victim);
    const { batchId } = await h.engine.service.startBatch(h.ctx, {
      where: { definitionKey: 'counter' },
      action: { action: 'send', event: 'TICK', payload: { n: 1 } },
      reason: 'nudge them all',
      ratePerSecond: 5,
    });
    await waitUntil(
      async () => {
        const batch = await h.engine.service.getBatch(h.ctx, { batchId });
        return batch.succeeded >= 5 && batch;
      },
      'five instances acted on',
      60_000,
    );
    victim.kill('SIGKILL');
    await new Promise((resolve) => victim.once('exit', resolve));
    const midway = await h.engine.service.getBatch(h.ctx, { batchId });
    expect(midway.status).toBe('running');
    expect(midway.succeeded).toBeLessThan(30);

    const survivor = spawnWorker(h);
    children.push(survivor);
    const done = await batchDone(batchId, 90_000);
    expect(done).toMatchObject({ total: 30, succeeded: 30, skipped: 0, failed: 0 });
    for (const id of ids) {
      const received = await h.engine.service.getTimeline(h.ctx, { instanceId: id, types: ['event.received'] });
      const fromBatch = received.filter((e) => (e.payload as { batchId?: string }).batchId === batchId);
      expect([id, fromBatch.length]).toEqual([id, 1]);
    }
    survivor.kill('SIGTERM');
    await new Promise((resolve) => survivor.once('exit', resolve));
  }, 180_000);

  it('pauses, resumes and aborts a batch with a reason; an aborted batch is audited with what it did not do', async () => {
    const ids = await start('counter', 6);
    const { batchId } = await h.engine.service.startBatch(h.ctx, {
      where: { definitionKey: 'counter' },
      action: { action: 'pause' },
      reason: 'hold everything',
      ratePerSecond: 1,
    });
    const paused = await h.engine.service.controlBatch(h.ctx, 'pause', { batchId, reason: 'wait' });
    expect(paused.status).toBe('paused');
    await expect(h.engine.service.controlBatch(h.ctx, 'pause', { batchId, reason: 'again' })).rejects.toThrow(
      /is paused; it cannot be paused/,
    );
    expect((await h.engine.service.controlBatch(h.ctx, 'resume', { batchId, reason: 'go' })).status).toBe('running');
    const aborted = await h.engine.service.controlBatch(h.ctx, 'abort', { batchId, reason: 'not needed' });
    expect(aborted.status).toBe('aborted');
    const [entry] = await h.engine.service.listAudit(h.ctx, { action: 'batch.aborted' });
    expect(entry).toMatchObject({ targetId: batchId, payload: { abortReason: 'not needed' } });
    expect(ids.length).toBe(6);
  });

  it('refuses to migrate instances sitting in a removed state until it is mapped, then migrates them', async () => {
    const worker = h.startWorker();
    const ids = await start('flow', 3);
    for (const id of ids) await h.waitForInstance(id, (i) => i.stateValue === 'review');
    await h.engine.service.publishDefinition(h.ctx, { spec: flowV2 });
    const where = { definitionKey: 'flow', definitionVersion: 1 };
    const action = { action: 'migrate' as const, toVersion: 2 };

    const preview = await h.engine.service.previewBatch(h.ctx, { where, action });
    expect(preview.groups).toEqual([
      { text: 'needs a state mapping: sits in "review", which v2 removed', act: false, count: 3 },
    ]);
    await expect(h.engine.service.startBatch(h.ctx, { where, action, reason: 'v2' })).rejects.toThrow(
      /stateMap: 3 instance\(s\) sit in "review", which v2 removed; map it to a state of v2 before running/,
    );
    await expect(
      h.engine.service.migrateInstance(h.ctx, { instanceId: ids[0]!, toVersion: 2, reason: 'v2' }),
    ).rejects.toThrow(/sits in "review", which flow v2 removed; map it to one of: /);
    await expect(
      h.engine.service.startBatch(h.ctx, {
        where,
        action: { ...action, stateMap: { review: 'nowhere' } },
        reason: 'v2',
      }),
    ).rejects.toThrow(/stateMap.review: "nowhere" is not a state of flow v2/);

    const mapped = { ...action, stateMap: { review: 'checking' }, contextSet: { checked: false } };
    expect((await h.engine.service.previewBatch(h.ctx, { where, action: mapped })).groups).toEqual([
      { text: 'will move to v2 (review → checking)', act: true, count: 3 },
    ]);
    const { batchId } = await h.engine.service.startBatch(h.ctx, { where, action: mapped, reason: 'v2 fixes review' });
    await batchDone(batchId);
    for (const id of ids) {
      const instance = await h.engine.service.getInstance(h.ctx, { instanceId: id });
      expect(instance).toMatchObject({ definitionVersion: 2, stateValue: 'checking', context: { checked: false } });
      const [migrated] = await h.engine.service.getTimeline(h.ctx, { instanceId: id, types: ['instance.migrated'] });
      expect(migrated!.payload).toMatchObject({
        fromVersion: 1,
        toVersion: 2,
        from: 'review',
        to: 'checking',
        batchId,
      });
    }
    // On v2 it follows v2's transitions.
    await h.engine.service.sendEvent(h.ctx, { instanceId: ids[0]!, type: 'APPROVE' });
    await h.waitForInstance(ids[0]!, (i) => i.stateValue === 'approved' && i.context['checked'] === true);
    await worker.stop();
  });
});
