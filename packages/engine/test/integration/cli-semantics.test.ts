import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloWorkflow } from '../../src/workflows/fixtures';
import { createHarness, REDIS_URL, type Harness } from '../support/harness';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cliPath = 'packages/engine/src/cli/main.ts';

/** Waits in "wait" until GO; WORKFLOW_START is not handled, so a started instance stays running. */
const waiterSpec = {
  id: 'waiter',
  initial: 'wait',
  states: { wait: { on: { GO: { target: 'done' } } }, done: { type: 'final' } },
};

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Each CLI run is a fresh Node process (~1 s on a quiet machine, far more on a loaded one): generous timeouts.
describe('switchyard CLI semantics', { timeout: 240_000 }, () => {
  let h: Harness;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    h = await createHarness();
    h.startWorker();
    await h.engine.service.publishDefinition(h.ctx, { spec: waiterSpec });
    dir = await mkdtemp(join(tmpdir(), 'sy-cli-'));
    env = { ...process.env, DATABASE_URL: h.databaseUrl, REDIS_URL, QUEUE_PREFIX: h.queuePrefix, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => h.close());

  async function cli(...args: string[]): Promise<CliResult> {
    return run(process.execPath, ['--import', 'tsx', cliPath, ...args], {
      cwd: repoRoot,
      env,
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: CliResult) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  /** Runs a shell pipeline (the CLI's stdout into another process), as a script would. */
  async function shell(script: string): Promise<CliResult> {
    return run('sh', ['-c', script], { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: CliResult) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  it('starts one instance for 6 parallel starts with one business key; the others print "exists"', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        cli('start', 'hello-workflow', '--business-key', 'pay-1', '--input', '{"amount": 5}'),
      ),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    const started = results.filter((r) => r.stdout.startsWith('started '));
    expect(started).toHaveLength(1);
    const id = /^started ([0-9a-f-]{36})/.exec(started[0]!.stdout)?.[1];
    const exists = results.filter((r) => r.stdout.startsWith('exists '));
    expect(exists).toHaveLength(5);
    for (const r of exists)
      expect(r.stdout).toContain(`exists ${id} (business key pay-1 already started: hello-workflow v1`);
    expect(await h.engine.deps.prisma.workflowInstance.count({ where: { businessKey: 'pay-1' } })).toBe(1);

    const otherInput = await cli('start', 'hello-workflow', '--business-key', 'pay-1', '--input', '{"amount": 6}');
    expect(otherInput.code).toBe(1);
    expect(otherInput.stderr.trim()).toBe(
      `error: business key "pay-1" already started instance ${id} (hello-workflow v1, completed) with a different input`,
    );
  });

  it('hands a whole 500 KB `show --json` answer to a pipe', async () => {
    const { instanceId } = await h.engine.service.startInstance(h.ctx, { definitionKey: 'waiter' });
    const blob = 'x'.repeat(5_000);
    for (let i = 0; i < 120; i++)
      await h.engine.service.sendEvent(h.ctx, { instanceId, type: 'NOPE', payload: { i, blob } });
    // instance.started, WORKFLOW_START received + ignored, then each NOPE received + ignored.
    await h.waitForInstance(instanceId, (i) => i.lastSeq >= 3 + 2 * 120, 60_000);
    const parse = `node -e "let s='';process.stdin.on('data',(d)=>{s+=d}).on('end',()=>{const j=JSON.parse(s);console.log(s.length+' '+j.timeline.length)})"`;
    const piped = await shell(
      `${JSON.stringify(process.execPath)} --import tsx ${cliPath} show ${instanceId} --json | ${parse}`,
    );
    expect(piped.stderr).toBe('');
    const [bytes, entries] = piped.stdout.trim().split(' ').map(Number);
    expect(bytes).toBeGreaterThan(500_000);
    expect(entries).toBe(3 + 2 * 120);
  });

  it('pages the timeline and says when it is truncated, in human and JSON output', async () => {
    const done = JSON.parse((await cli('start', 'hello-workflow', '--wait', '--json')).stdout) as {
      id: string;
      lastSeq: number;
    };
    const first = JSON.parse((await cli('show', done.id, '--limit', '5', '--json')).stdout) as {
      timeline: { seq: number }[];
      timelinePage: Record<string, unknown>;
    };
    expect(first.timeline.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(first.timelinePage).toEqual({ afterSeq: 0, limit: 5, lastSeq: 9, truncated: true, nextSeq: 5 });
    const rest = JSON.parse((await cli('show', done.id, '--after-seq', '5', '--limit', '5', '--json')).stdout) as {
      timeline: { seq: number; type: string }[];
      timelinePage: Record<string, unknown>;
    };
    expect(rest.timeline.map((e) => e.seq)).toEqual([6, 7, 8, 9]);
    expect(rest.timeline.at(-1)?.type).toBe('instance.completed');
    expect(rest.timelinePage).toMatchObject({ truncated: false, nextSeq: null });
    const human = await cli('show', done.id, '--limit', '5');
    expect(human.stdout).toContain('timeline truncated: entries 1–5 of 9; next page: --after-seq 5');
  });

  it('reads --input from a file or stdin and publishes a spec from stdin', async () => {
    const file = join(dir, 'input.json');
    await writeFile(file, JSON.stringify({ customer: 'from-file' }));
    const fromFile = JSON.parse((await cli('start', 'hello-workflow', '--input', `@${file}`, '--json')).stdout) as {
      instanceId: string;
    };
    expect((await h.engine.service.getInstance(h.ctx, { instanceId: fromFile.instanceId })).context).toMatchObject({
      customer: 'from-file',
      greeted: false,
    });

    const fromStdin = await shell(
      `echo '{"customer": "from-stdin"}' | ${JSON.stringify(process.execPath)} --import tsx ${cliPath} start hello-workflow --input - --json`,
    );
    const { instanceId } = JSON.parse(fromStdin.stdout) as { instanceId: string };
    expect((await h.engine.service.getInstance(h.ctx, { instanceId })).context).toMatchObject({
      customer: 'from-stdin',
    });

    const spec = JSON.stringify({ ...helloWorkflow, id: 'hello-stdin' });
    const published = await shell(
      `echo '${spec}' | ${JSON.stringify(process.execPath)} --import tsx ${cliPath} publish -`,
    );
    expect(published.stdout.trim()).toBe('published hello-stdin v1');
  });

  it('says "timed out after N s" with exit 4 when --wait runs out, and reports what became of a sent event', async () => {
    const waited = await cli('start', 'waiter', '--wait', '--timeout', '1');
    expect(waited.code).toBe(4);
    expect(waited.stderr).toMatch(
      /^error: timed out after 1 s waiting for [0-9a-f-]{36}; it is still running in state wait$/m,
    );
    const id = /waiting for ([0-9a-f-]{36})/.exec(waited.stderr)?.[1] ?? '';

    const ignored = await cli('send', id, 'NOPE', '--wait');
    expect(ignored.code).toBe(3);
    expect(ignored.stdout.trim()).toBe('ignored NOPE: state "wait" does not accept "NOPE"; it accepts: GO');
    const applied = await cli('send', id, 'GO', '--wait', '--json');
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ outcome: 'applied', from: 'wait', to: 'done' });
    const rejected = await cli('send', id, 'GO', '--wait');
    expect(rejected.code).toBe(1);
    expect(rejected.stderr.trim()).toBe(`error: instance ${id} is completed; it accepts no more events`);
  });

  it('answers bad commands, options and tenants with one line and exit 2', async () => {
    const [unknown, option, tenant, missing] = await Promise.all([
      cli('frobnicate'),
      cli('send', '--bogus-flag'),
      cli('list', '--tenant', 'demo-typo'),
      cli('start'),
    ]);
    expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: 'error: unknown command "frobnicate"; see --help\n' });
    expect(option).toMatchObject({ code: 2, stderr: 'error: unknown option --bogus-flag; see --help\n' });
    expect(tenant).toMatchObject({ code: 2, stderr: 'error: no such tenant "demo-typo"\n' });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses spec files with duplicate keys or deep nesting, accepts a BOM, and prints warnings while publishing', async () => {
    const dup = join(dir, 'dup.json');
    await writeFile(dup, '{"id": "dup", "initial": "a", "states": {"a": {"type": "final"}, "a": {}}}');
    const refused = await cli('publish', dup);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `error: ${dup}: duplicate key "a" at $.states.a (line 1); each key may appear once in an object`,
    );

    const deep = join(dir, 'deep.json');
    await writeFile(
      deep,
      `{"id": "deep", "initial": "a", "states": {"a": {"type": "final"}}, "context": {"x": ${'['.repeat(5_000)}${']'.repeat(5_000)}}}`,
    );
    const tooDeep = await cli('publish', deep);
    expect(tooDeep.code).toBe(2);
    expect(tooDeep.stderr.trim()).toMatch(/^error: .*deep\.json: nesting deeper than 64 levels \(line 1\)/);

    const bom = join(dir, 'bom.json');
    await writeFile(bom, `\uFEFF${JSON.stringify({ ...helloWorkflow, id: 'hello-bom' })}`);
    expect((await cli('publish', bom)).stdout.trim()).toBe('published hello-bom v1');

    const shaky = join(dir, 'shaky.json');
    await writeFile(
      shaky,
      JSON.stringify({
        id: 'shaky',
        initial: 'a',
        states: { a: { on: { GO: { target: 'b' } } }, b: {}, c: { on: { GO: { target: 'a' } } } },
      }),
    );
    const warned = await cli('publish', shaky);
    expect(warned.code).toBe(0);
    expect(warned.stdout.trim()).toBe('published shaky v1 (3 warning(s))');
    expect(warned.stderr.trim().split('\n')).toEqual([
      'warning: $.states.b DEAD_END_STATE: state "b" is not final and has no transitions: an instance that gets there stays forever',
      'warning: $.states.c UNREACHABLE_STATE: state "c" is never reached from the initial state "a"',
      'warning: $.states NO_FINAL_STATE: no state has "type": "final": an instance can never complete',
    ]);

    const newline = join(dir, 'newline.json');
    await writeFile(
      newline,
      JSON.stringify({
        id: 'nl',
        initial: 'a',
        states: { a: { on: { 'GO\nNOW': { target: 'b' } } }, b: { type: 'final' } },
      }),
    );
    const nl = await cli('publish', newline);
    expect(nl.code).toBe(2);
    expect(nl.stderr.trim().split('\n')).toHaveLength(1);
    expect(nl.stderr).toContain('event name "GO\\nNOW" must start with a letter');
  });
});
