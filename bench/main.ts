// `pnpm bench`: limits of this machine and the engine's throughput and latency, measured in one run.
import { cpus, totalmem } from 'node:os';
import {
  createStack,
  installSignalCleanup,
  intFlag,
  note,
  parseFlags,
  runCleanup,
  spawnWorker,
  stopWorker,
  stringFlag,
  waitForWorkers,
} from '@switchyard/testkit';
import { measureBullmq } from './limits/bullmq-raw';
import { measurePostgresCommits } from './limits/postgres-commits';
import { startCommitListener } from './phases/commit-listener';
import { measureEventLatency, type EventLatency } from './phases/event-latency';
import { measureEventThroughput } from './phases/event-throughput';
import { measureHelloThroughput } from './phases/hello-throughput';
import { startInstances, waitForInstances } from './phases/instances';
import { measureTaskLatency, type TaskLatency } from './phases/task-latency';
import { renderReport, writeResult, type BenchResult } from './report';
import { counterSpec, helloNoopSpec } from './specs';

const USAGE = `usage: pnpm bench [--workers 2] [--concurrency 8] [--task-concurrency 8] [--instances 200] [--events 6000]
                  [--hello 2000] [--latency-seconds 10] [--jobs 20000]
                  [--phases limits,events,hello,latency] [--cpu-prof DIR]
  --phases    run only these phases (a skipped phase reports 0)
  --cpu-prof  write a V8 CPU profile of each worker process into DIR (workers are stopped with SIGTERM at the end)`;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has('help')) {
    console.log(USAGE);
    return;
  }
  const knobs = {
    workers: intFlag(flags, 'workers', 2),
    concurrency: intFlag(flags, 'concurrency', 8),
    taskConcurrency: intFlag(flags, 'task-concurrency', 8),
    instances: intFlag(flags, 'instances', 200),
    events: intFlag(flags, 'events', 6_000),
    hello: intFlag(flags, 'hello', 2_000),
    latencySeconds: intFlag(flags, 'latency-seconds', 10),
    jobs: intFlag(flags, 'jobs', 20_000),
  };
  const phases = new Set((stringFlag(flags, 'phases') ?? 'limits,events,hello,latency').split(','));
  const cpuProfDir = stringFlag(flags, 'cpu-prof');
  installSignalCleanup();
  const startedAt = new Date().toISOString();
  const stack = await createStack('switchyard_bench', 'bench', [counterSpec, helloNoopSpec]);

  const postgres = phases.has('limits')
    ? await measurePostgresCommits(stack.ownerUrl, knobs.workers * knobs.concurrency, 5_000)
    : { commitsPerSec: 0, connections: 0 };
  const bullmq = phases.has('limits')
    ? await measureBullmq(knobs.jobs, knobs.workers, knobs.concurrency)
    : { addPerSec: 0, addBulkPerSec: 0, processPerSec: 0, workers: knobs.workers, concurrency: knobs.concurrency };

  const env = {
    WORKER_ORCHESTRATOR_CONCURRENCY: String(knobs.concurrency),
    WORKER_TASK_CONCURRENCY: String(knobs.taskConcurrency),
    // The sweeper would republish rows held back by the paused queue; give it no reason to during the run.
    SWEEP_GRACE_MS: '60000',
    // One tenant, alone: let it use every task slot, so the bench measures the engine, not the fair-share cap.
    TENANT_TASK_CONCURRENCY: String(knobs.workers * knobs.taskConcurrency),
  };
  const workers = Array.from({ length: knobs.workers }, () =>
    spawnWorker(stack, env, cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
  );
  await waitForWorkers(stack, knobs.workers).catch((error: unknown) => {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${workers.map((w) => w.stderrTail()).join('\n')}`,
    );
  });
  note(
    `${knobs.workers} worker processes up (orchestrator concurrency ${knobs.concurrency}, task concurrency ${knobs.taskConcurrency})`,
  );

  const counterIds = await startInstances(stack, 'bench-counter', knobs.instances, 32, 'engine: start counters');
  await waitForInstances(
    stack,
    'bench-counter',
    `"stateValue" = 'counting'`,
    knobs.instances,
    'engine: counters ready',
    60_000,
  );
  const events = phases.has('events')
    ? await measureEventThroughput(stack, counterIds, knobs.events)
    : { events: 0, instances: 0, eventsPerSec: 0, wallSeconds: 0 };
  const hello = phases.has('hello')
    ? await measureHelloThroughput(stack, knobs.hello)
    : { instances: 0, instancesPerSec: 0, wallSeconds: 0 };

  const noLatency = { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  let eventLatency: EventLatency = { targetPerSec: 0, achievedPerSec: 0, sendToCommit: noLatency };
  let taskLatency: TaskLatency = {
    targetPerSec: 0,
    achievedPerSec: 0,
    completionToTransition: noLatency,
    startToDone: noLatency,
  };
  if (phases.has('latency')) {
    const listener = await startCommitListener(stack);
    eventLatency = await measureEventLatency(
      stack,
      listener,
      counterIds,
      events.eventsPerSec / 2,
      knobs.latencySeconds * 1_000,
    );
    taskLatency = await measureTaskLatency(stack, listener, hello.instancesPerSec / 2, knobs.latencySeconds * 1_000);
    await listener.stop();
  }
  if (cpuProfDir) await Promise.all(workers.map((w) => stopWorker(w)));

  const result: BenchResult = {
    startedAt,
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    knobs,
    limits: { postgres, bullmq },
    engine: { events, hello, eventLatency, taskLatency },
  };
  console.log(renderReport(result));
  console.log(`\nresults: ${writeResult(result)}`);
}

try {
  await main();
} catch (error) {
  note(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await runCleanup();
}
process.exit(process.exitCode ?? 0);
