import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFor, type CliResult } from '../support/cli-runner';
import { createHarness, type Harness } from '../support/harness';
import { counterSpec, reviewSpec } from '../support/ops-specs';

describe('switchyard CLI: operator modifications', () => {
  let h: Harness;
  let cli: (...args: string[]) => Promise<CliResult>;
  beforeAll(async () => {
    h = await createHarness();
    cli = cliFor(h);
    await h.engine.service.publishDefinition(h.ctx, { spec: counterSpec });
    await h.engine.service.publishDefinition(h.ctx, { spec: reviewSpec });
    h.startWorker();
  });
  afterAll(async () => h.close());

  async function counting() {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'counter' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'counting');
    return instanceId;
  }

  it('pauses and unpauses with a reason, in words and in --json', async () => {
    const instanceId = await counting();
    const noReason = await cli('pause', instanceId);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/reason: a reason is required/);

    expect(await cli('pause', instanceId, '--reason', 'audit')).toMatchObject({
      code: 0,
      stdout: `paused ${instanceId} (0 queued task(s) held)\n`,
    });
    await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'TICK', payload: { n: 7 } });
    await h.waitForEntry(instanceId, 'event.ignored');
    const unpaused = await cli('unpause', instanceId, '--reason', 'audit done', '--json');
    expect(unpaused.code).toBe(0);
    expect(JSON.parse(unpaused.stdout)).toEqual({ instanceId, applied: 1, requeuedTasks: 0 });
    expect((await h.engine.service.getInstance(h.ctx, { instanceId })).context).toEqual({ last: 7 });
    const [entry] = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['instance.paused'] });
    expect(entry).toMatchObject({ actorType: 'cli', payload: { reason: 'audit' } });
  });

  it('moves with a dry run first: the same tasks listed, then cancelled', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'review' });
    await h.waitForInstance(instanceId, (i) => i.stateValue === 'waiting' && i.tasks.length === 2);
    const badVia = await cli('move', instanceId, '--state', 'notify', '--via', 'waiting', '--dry-run');
    expect(badVia.code).toBe(2);
    expect(badVia.stderr).toMatch(/--via must be FROM:EVENT/);

    const args = ['move', instanceId, '--state', 'notify', '--via', 'waiting:APPROVE', '--context', '{"amount":7}'];
    const dry = await cli(...args, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^would move .*: waiting → notify through waiting on APPROVE\n {2}cancel 2 task\(s\)/);
    expect(dry.stdout).toMatch(/create 1 task\(s\): notify \(NOOP\)/);
    const planned = JSON.parse((await cli(...args, '--dry-run', '--json')).stdout) as {
      dryRun: boolean;
      cancelTasks: { id: string }[];
    };
    expect(planned.dryRun).toBe(true);

    const moved = await cli(...args, '--reason', 'phone call', '--json');
    expect(moved.code).toBe(0);
    const cancelled = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['task.cancelled'] });
    expect(cancelled.map((e) => e.taskId).sort()).toEqual(planned.cancelTasks.map((t) => t.id).sort());
    await h.waitForInstance(instanceId, (i) => i.status === 'completed');
  });

  it('runs a batch by query: --dry-run previews, --yes runs it, batch-show follows it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await counting());
    const where = `definition=counter&q=${ids[1]}`;
    const dry = await cli('batch', 'pause', '--where', where, '--dry-run');
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toMatch(/^1 instance\(s\) match\n {2}1 will be paused\n/);
    expect((await cli('batch', 'pause', '--where', where)).stderr).toMatch(
      /pass --dry-run to preview, or --yes to run it/,
    );
    expect((await cli('batch', 'pause', '--where', 'status=sleeping', '--dry-run')).stderr).toMatch(/--where: /);
    const started = await cli('batch', 'pause', '--where', where, '--yes', '--reason', 'hold one', '--json');
    expect(started.code).toBe(0);
    const { batchId, total } = JSON.parse(started.stdout) as { batchId: string; total: number };
    expect(total).toBe(1);
    await expect
      .poll(
        async () => (JSON.parse((await cli('batch-show', batchId, '--json')).stdout) as { status: string }).status,
        {
          timeout: 20_000,
        },
      )
      .toBe('completed');
    const shown = await cli('batch-show', batchId);
    expect(shown.stdout).toContain(`batch ${batchId} pause completed: 1/1 (1 succeeded, 0 skipped, 0 failed)`);
    expect(shown.stdout).toContain(`${ids[1]} succeeded: paused`);
    expect((await h.engine.service.getInstance(h.ctx, { instanceId: ids[1]! })).pausedAt).not.toBeNull();
    expect((await h.engine.service.getInstance(h.ctx, { instanceId: ids[0]! })).pausedAt).toBeNull();
  });
});
