import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, REDIS_URL, type Harness } from '../support/harness';
import { selfLoopSpec } from '@switchyard/testkit/specs';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('switchyard CLI: runaway guards and dead letters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(h.ctx, { spec: selfLoopSpec });
    h.startWorker({ guards: { transitionsPerMinute: 10 } });
  });
  afterAll(async () => h.close());

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', 'packages/engine/src/cli/main.ts', ...args],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: h.databaseUrl, REDIS_URL, QUEUE_PREFIX: h.queuePrefix },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('resumes an instance a guard stopped with a raised cap, until it trips the raised cap', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'self-loop' });
    await h.waitForInstance(instanceId, (i) => i.status === 'failed');
    expect((await cli('resume', instanceId, '--limit', 'ten')).stderr).toMatch(
      /--limit must be a positive whole number, got "ten"/,
    );
    const resumed = await cli('resume', instanceId, '--limit', '15', '--reason', 'batch import');
    expect(resumed).toMatchObject({ code: 0 });
    expect(resumed.stdout).toMatch(
      /raised transitionsPerMinute from 10 to 15 and resumed \(1 held event\(s\) delivered again, 0 parked task\(s\) queued again\)/,
    );
    const again = await h.waitForInstance(instanceId, (i) => i.status === 'failed' && i.version >= 15);
    expect(again.guardTripped).toBe('transitionsPerMinute');
    const [entry] = await h.engine.service.getTimeline(h.ctx, { instanceId, types: ['instance.resumed'] });
    expect(entry).toMatchObject({ actorType: 'cli', payload: { reason: 'batch import', limit: 15 } });
  });

  it('lists dead letters and refuses a discard without a reason (exit 2)', async () => {
    expect(await cli('dead-letters')).toMatchObject({ code: 0, stdout: '(no dead letters)\n' });
    const discard = await cli('discard-dead-letter', randomUUID());
    expect(discard.code).toBe(2);
    expect(discard.stderr).toMatch(/reason: a reason is required/);
  });

  it("sets a tenant's fair-share caps (audited) and refuses a cap that is not a positive whole number", async () => {
    expect(await cli('tenant-caps', '--task', '0')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--task must be a positive whole number or "default", got "0"/) as unknown,
    });
    const set = await cli('tenant-caps', '--task', '2', '--reason', 'noisy tenant');
    expect(set).toMatchObject({
      code: 0,
      stdout: 'tenant demo: task slots 2, orchestrator slots default, reads/min default, writes/min default\n',
    });
    expect(
      await h.engine.deps.prisma.tenant.findUnique({ where: { id: 'demo' }, select: { taskConcurrency: true } }),
    ).toEqual({ taskConcurrency: 2 });
    const [audit] = await h.engine.deps.prisma.auditLog.findMany({
      where: { tenantId: 'demo', action: 'tenant.concurrency_set' },
    });
    expect(audit).toMatchObject({
      reason: 'noisy tenant',
      payload: { before: { taskConcurrency: null }, after: { taskConcurrency: 2 } },
    });
    // The tenant's request rates on the console, the same way (the console reads them within seconds).
    const rates = await cli('tenant-caps', '--writes', '50', '--reads', '500');
    expect(rates.stdout).toBe('tenant demo: task slots 2, orchestrator slots default, reads/min 500, writes/min 50\n');
    expect(await cli('tenant-caps', '--writes', 'default')).toMatchObject({
      stdout: 'tenant demo: task slots 2, orchestrator slots default, reads/min 500, writes/min default\n',
    });
  });
});
