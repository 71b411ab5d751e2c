// How long one `switchyard` call takes to start and do a small thing, the built bin against what `pnpm switchyard`
// runs (TypeScript through tsx) and against a bare `node -e 0` (the floor no CLI beats), and what `send --stdin`
// saves over one process per event. Wall time and CPU time (children's, from /proc) are medians of several runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createStack, processCpuMs, type Stack } from '@switchyard/testkit';
import { helloNoopSpec } from './specs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const bin = `${repoRoot}node_modules/.bin/switchyard`;

export interface CliStart {
  runs: number;
  /** Median wall / CPU milliseconds per call. */
  nodeBare: Sample;
  binList: Sample;
  tsxList: Sample;
  binSend: Sample;
  /** 200 events through one `send --stdin` process. */
  stdin200: Sample;
}
interface Sample {
  wallMs: number;
  cpuMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(runs: number, command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Sample {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuBefore = processCpuMs(process.pid)!;
    const started = performance.now();
    const result = spawnSync(command, args, { env, input, cwd: repoRoot, encoding: 'utf8' });
    wall.push(performance.now() - started);
    cpu.push(processCpuMs(process.pid)! - cpuBefore);
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

export async function measureCliStart(runs = 7): Promise<CliStart> {
  const stack: Stack = await createStack('switchyard_bench_cli', 'sy-bench-cli', [helloNoopSpec]);
  const env = {
    ...process.env,
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redisUrl,
    QUEUE_PREFIX: stack.queuePrefix,
  };
  // An instance that waits forever (no worker runs here): every send is queued and answered at once.
  const { instanceId } = await stack.engine.service.startInstance(stack.ctx, { definitionKey: 'bench-hello' });
  const tenant = ['--tenant', stack.ctx.tenantId];
  const lines = Array.from({ length: 200 }, (_, n) => JSON.stringify({ instanceId, type: 'PING', payload: { n } }));
  return {
    runs,
    nodeBare: time(runs, process.execPath, ['-e', '0'], env),
    binList: time(runs, bin, ['list', '--json', ...tenant], env),
    tsxList: time(
      Math.min(runs, 3),
      process.execPath,
      ['--import', 'tsx', 'packages/engine/src/cli/main.ts', 'list', '--json', ...tenant],
      env,
    ),
    binSend: time(runs, bin, ['send', instanceId, 'PING', ...tenant], env),
    stdin200: time(3, bin, ['send', '--stdin', ...tenant], env, `${lines.join('\n')}\n`),
  };
}

export function renderCliStart(c: CliStart): string {
  const row = (label: string, s: Sample) =>
    `${label.padEnd(44)} ${s.wallMs.toFixed(0).padStart(6)} ms wall ${s.cpuMs.toFixed(0).padStart(6)} ms CPU`;
  const ratio = (a: number, b: number) => (a / b).toFixed(1);
  return [
    `CLI start (median of ${c.runs} runs)`,
    row('node -e 0 (floor)', c.nodeBare),
    row('switchyard list --json (built bin)', c.binList),
    row('list --json through tsx (pnpm switchyard)', c.tsxList),
    row('switchyard send (built bin, one event)', c.binSend),
    row('switchyard send --stdin (200 events)', c.stdin200),
    `built bin list ÷ node floor: ${ratio(c.binList.wallMs, c.nodeBare.wallMs)} wall, ${ratio(c.binList.cpuMs, c.nodeBare.cpuMs)} CPU` +
      `   tsx ÷ built bin: ${ratio(c.tsxList.wallMs, c.binList.wallMs)} wall` +
      `   200 sends as processes ÷ one --stdin: ${ratio(200 * c.binSend.wallMs, c.stdin200.wallMs)} wall` +
      `   target: built bin list < 500 ms wall: ${c.binList.wallMs < 500 ? 'met' : 'not met'}`,
  ].join('\n');
}
