import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, REDIS_URL, waitUntil, type Harness } from '../support/harness';

// The built `switchyard` bin (bundled by `pnpm install` / `pnpm build`), run as a script runs it.
const bin = fileURLToPath(new URL('../../../../node_modules/.bin/switchyard', import.meta.url));
const ctx = { tenantId: 'demo', actor: { type: 'system' as const, id: 'test' } };

/** Stays in its state and remembers the last NOTE it heard. */
const noteSpec = {
  id: 'bin-notes',
  initial: 'open',
  states: {
    open: {
      on: {
        NOTE: { actions: [{ type: 'assign', path: 'last', value: { $ref: 'event.payload.n' } }] },
        CLOSE: { target: 'closed' },
      },
    },
    closed: { type: 'final' },
  },
};

describe('the built switchyard bin', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.engine.service.publishDefinition(ctx, { spec: noteSpec });
    h.startWorker();
  });
  afterAll(async () => h.close());

  function bulk(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(bin, args, {
        env: { ...process.env, DATABASE_URL: h.databaseUrl, REDIS_URL, QUEUE_PREFIX: h.queuePrefix },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(stdin);
    });
  }

  it('sends 400 events from stdin in one process; each lands, in the order written', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++)
      ids.push((await h.engine.service.startInstance(ctx, { definitionKey: 'bin-notes' })).instanceId);
    const lines: string[] = [];
    for (let n = 1; n <= 8; n++)
      for (const instanceId of ids) lines.push(JSON.stringify({ instanceId, type: 'NOTE', payload: { n } }));

    const result = await bulk(['send', '--stdin', '--json', '--reason', 'bulk'], `${lines.join('\n')}\n`);
    expect(result.stderr.trim()).toBe('sent 400 events');
    expect(result.code).toBe(0);
    // --json: stdout is one JSON object per line and nothing else.
    const outcomes = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; messageId: string });
    expect(outcomes.map((o) => o.line)).toEqual(lines.map((_, i) => i + 1));
    expect(new Set(outcomes.map((o) => o.messageId)).size).toBe(400);

    for (const instanceId of ids) {
      const instance = await h.waitForInstance(instanceId, (i) => i.context.last === 8);
      const received = await h.engine.service.getTimeline(ctx, { instanceId, types: ['event.received'] });
      const notes = received
        .map((e) => e.payload as { event: string; payload: { n: number }; reason: string | null })
        .filter((p) => p.event === 'NOTE');
      expect(notes.map((p) => p.payload.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(notes[0]!.reason).toBe('bulk');
      expect(instance.status).toBe('running');
    }
  });

  it('reports each bad line by number, sends the others, and exits with the first failure', async () => {
    const { instanceId } = await h.engine.service.startInstance(ctx, { definitionKey: 'bin-notes' });
    const stdin = [
      JSON.stringify({ instanceId, type: 'NOTE', payload: { n: 1 } }),
      '{"instanceId": ',
      '',
      JSON.stringify({ instanceId, type: 'NOTE', payLoad: { n: 2 } }),
      JSON.stringify({ instanceId: '00000000-0000-4000-8000-000000000000', type: 'NOTE' }),
      JSON.stringify({ instanceId, type: 'CLOSE' }),
    ].join('\n');
    const result = await bulk(['send', '--stdin'], stdin);
    expect(result.code).toBe(2);
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^queued NOTE for ${instanceId}`)),
      expect.stringMatching(new RegExp(`^queued CLOSE for ${instanceId}`)),
    ]);
    const errors = result.stderr.trim().split('\n');
    expect(errors[0]).toMatch(/^error: line 2: .*JSON/i);
    expect(errors[1]).toMatch(/^error: line 4: .*payLoad/);
    expect(errors[2]).toBe('error: line 5: instance 00000000-0000-4000-8000-000000000000 was not found');
    expect(errors[3]).toBe('sent 2 events; 3 refused (lines 2, 4, 5)');
    await waitUntil(
      async () => (await h.engine.service.getInstance(ctx, { instanceId })).status === 'completed',
      'the CLOSE sent last to complete the instance',
    );
  });

  it('refuses --stdin together with an instance, an event or --wait', async () => {
    const result = await bulk(['send', 'some-id', 'NOTE', '--stdin'], '');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('send --stdin reads instanceId, type and payload from each line');
  });
});
