import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, REDIS_URL, waitUntil, type Harness } from '../support/harness';
import { slowHttpSpec } from '../support/specs';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** The slow local server the HTTP task calls, allowed through the egress policy like any operator-listed host. */
let egressAllow = '';

function spawnWorkerProcess(h: Harness, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: h.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: h.queuePrefix,
      LOG_LEVEL: 'warn',
      EGRESS_ALLOW: egressAllow,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe('crash recovery', () => {
  let h: Harness;
  const children: ChildProcess[] = [];
  let slowServer: Server;
  beforeAll(async () => {
    h = await createHarness();
    // A task that keeps a worker busy for 2 s: an HTTP call to a server that answers late.
    slowServer = createServer((_request, response) => setTimeout(() => response.end('late'), 2_000));
    await new Promise<void>((resolve) => slowServer.listen(0, '127.0.0.1', resolve));
    const { port } = slowServer.address() as AddressInfo;
    egressAllow = `127.0.0.1:${port}`;
    await h.engine.service.publishDefinition(h.ctx, { spec: slowHttpSpec(`http://127.0.0.1:${port}/slow`) });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    slowServer.closeAllConnections();
    await new Promise((resolve) => slowServer.close(resolve));
    await h.close();
  });

  it('runs a task again after its worker is killed with SIGKILL mid-task, and applies no transition twice', async () => {
    const victim = spawnWorkerProcess(h, { TASK_LEASE_MS: '1500', SWEEP_INTERVAL_MS: '200', SWEEP_GRACE_MS: '500' });
    children.push(victim);
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'slow-task' });
    await h.waitForInstance(instanceId, (i) => i.tasks[0]?.status === 'running', 30_000);
    victim.kill('SIGKILL');
    await new Promise((resolve) => victim.once('exit', resolve));

    const survivor = spawnWorkerProcess(h, { TASK_LEASE_MS: '1500', SWEEP_INTERVAL_MS: '200', SWEEP_GRACE_MS: '500' });
    children.push(survivor);
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed', 30_000);
    expect(done.stateValue).toBe('done');
    expect(done.tasks[0]).toMatchObject({ status: 'succeeded', attempts: 1 });

    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId });
    const types = timeline.map((e) => e.type);
    expect(types.filter((t) => t === 'task.started')).toHaveLength(2);
    expect(types.filter((t) => t === 'task.lease_expired')).toHaveLength(1);
    expect(types.filter((t) => t === 'transition')).toHaveLength(2);
    expect(types.filter((t) => t === 'task.succeeded')).toHaveLength(1);
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
    survivor.kill('SIGKILL');
    await new Promise((resolve) => survivor.once('exit', resolve));
  });

  it('finishes in-flight work and exits 0 on SIGTERM', async () => {
    const worker = spawnWorkerProcess(h, {});
    children.push(worker);
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'slow-task' });
    await h.waitForInstance(instanceId, (i) => i.tasks[0]?.status === 'running', 30_000);
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    const instance = await h.engine.service.getInstance(h.ctx, { instanceId });
    expect(instance.tasks[0]?.status).toBe('succeeded');
  });

  it('delivers a job committed but never published (a crash between commit and publish) through the sweeper', async () => {
    const publish = h.engine.deps.publisher.publish.bind(h.engine.deps.publisher);
    h.engine.deps.publisher.publish = async () => {
      throw new Error('simulated crash before publish');
    };
    let instanceId: string;
    try {
      ({ instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'hello-workflow' }));
    } finally {
      h.engine.deps.publisher.publish = publish;
    }
    // The start committed with WORKFLOW_START applied; the message of the task it created was never published.
    const task = await h.engine.deps.prisma.task.findFirstOrThrow({ where: { instanceId } });
    const pending = await h.engine.deps.prisma.outbox.findMany({
      where: { payload: { path: ['taskId'], equals: task.id } },
    });
    expect(pending).toHaveLength(1);
    expect(pending[0]?.publishedAt).toBeNull();

    h.startWorker({ sweepIntervalMs: 200, sweepGraceMs: 500 });
    const done = await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    expect(done.stateValue).toBe('done');
    const swept = await waitUntil(
      async () => (await h.engine.deps.prisma.outbox.findUnique({ where: { id: pending[0]!.id } }))?.publishedAt,
      'the sweeper to mark the row published',
    );
    expect(swept).toBeInstanceOf(Date);
  });
});
