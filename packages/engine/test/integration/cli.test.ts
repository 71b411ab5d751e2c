import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloWorkflow } from '../../src/workflows/fixtures';
import { createHarness, REDIS_URL, type Harness } from '../support/harness';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('switchyard CLI', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    h.startWorker();
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

  it('starts hello-workflow and waits until it is done', async () => {
    const result = await cli('start', 'hello-workflow', '--wait');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f-]{36} completed in state done$/m);
  });

  it('shows an instance with its state, tasks and timeline, and as JSON with --json', async () => {
    const started = JSON.parse((await cli('start', 'hello-workflow', '--wait', '--json')).stdout) as { id: string };
    const human = await cli('show', started.id);
    expect(human.stdout).toContain('state     done');
    expect(human.stdout).toContain('send-hello');
    expect(human.stdout).toMatch(/notify → done on HELLO_SENT/);
    const json = JSON.parse((await cli('show', started.id, '--json')).stdout) as {
      status: string;
      timeline: unknown[];
    };
    expect(json.status).toBe('completed');
    expect(json.timeline).toHaveLength(9);
  });

  it('publishes a spec file and refuses an invalid one with its JSON path', async () => {
    const good = join(tmpdir(), `spec-${process.pid}.json`);
    await writeFile(good, JSON.stringify({ ...helloWorkflow, id: 'hello-copy' }));
    expect((await cli('publish', good)).stdout).toContain('published hello-copy v1');

    const bad = join(tmpdir(), `bad-spec-${process.pid}.json`);
    await writeFile(bad, JSON.stringify({ ...helloWorkflow, initial: 'nowhere' }));
    const refused = await cli('publish', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('$.initial');
  });

  it('exits non-zero with one clear line on bad input', async () => {
    const badJson = await cli('start', 'hello-workflow', '--input', '{oops');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr.trim()).toMatch(/^error: --input is not valid JSON/);
    expect(badJson.stderr.trim().split('\n')).toHaveLength(1);

    const unknown = await cli('start', 'no-such-workflow');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('error: definition "no-such-workflow" was not found in tenant demo');

    const badId = await cli('send', 'not-a-uuid', 'GO');
    expect(badId.code).toBe(2);
    expect(badId.stderr.trim()).toBe('error: invalid input: instanceId: expected an instance id (a UUID)');
  });

  it('acts with an API token in its tenant and role, and refuses what the role may not do', async () => {
    const admin = { tenantId: 'demo', actor: { type: 'system' as const, id: 'test' } };
    const viewer = await h.engine.service.createApiToken(admin, { name: 'cli-viewer', role: 'viewer' });
    const operator = await h.engine.service.createApiToken(admin, { name: 'cli-operator', role: 'operator' });

    const refused = await cli('start', 'hello-workflow', '--token', viewer.token);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('error: "start" needs the operator role; the token has viewer');

    const started = await cli('start', 'hello-workflow', '--wait', '--json', '--token', operator.token);
    expect(started.code).toBe(0);
    const { id } = JSON.parse(started.stdout) as { id: string };
    const timeline = await h.engine.service.getTimeline(h.ctx, { instanceId: id, types: ['instance.started'] });
    expect(timeline[0]).toMatchObject({ actorType: 'api', actorId: 'token:cli-operator' });

    expect((await cli('list', '--token', viewer.token, '--tenant', 'acme')).stderr.trim()).toBe(
      'error: tenant acme was not found',
    );
    await h.engine.service.revokeApiToken(admin, { tokenId: viewer.apiToken.id });
    expect((await cli('list', '--token', viewer.token)).stderr.trim()).toBe(
      'error: the API token is unknown or revoked',
    );
  });
});
