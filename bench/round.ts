// One round of the engine phases with a given number of worker processes, on a fresh database and queue prefix, with
// the CPU time of every process involved measured around each phase.
import {
  createStack,
  note,
  runCleanup,
  spawnWorker,
  stackCpuGroups,
  startCpuWindow,
  stopWorker,
  waitForWorkers,
  sleep,
  type CpuGroup,
  type CpuWindow,
  type Stack,
} from '@switchyard/testkit';
import type { RedisTarget } from '../packages/engine/src/queues/connection';
import { startCommitListener } from './phases/commit-listener';
import { measureEventLatency, type EventLatency } from './phases/event-latency';
import { measureEventThroughput, type EventThroughput } from './phases/event-throughput';
import { measureHelloThroughput, type HelloThroughput } from './phases/hello-throughput';
import { measureHotInstance, type HotInstance } from './phases/hot-instance';
import { startInstances, waitForInstances } from './phases/instances';
import { measureSustainedRate, type SustainedRate } from './phases/sustained-rate';
import { measureTaskLatency, type TaskLatency } from './phases/task-latency';
import { startRedisWindow, type RedisCounts } from './redis-stats';
import { counterSpec, helloNoopSpec } from './specs';
import { startStatementWindow } from './statements';

export interface Knobs {
  concurrency: number;
  taskConcurrency: number;
  instances: number;
  events: number;
  hello: number;
  hotEvents: number;
  latencySeconds: number;
  /** Events/s for the latency phase; 0: half of what the system sustains in this run, sender included. */
  latencyRate: number;
  jobs: number;
}

/** A phase's figure, the CPU the processes spent on it (from queuing the work to the last of it done), Redis's work. */
export interface Measured<T> {
  figure: T;
  cpu: CpuWindow;
  redis: RedisCounts;
}

export interface Round {
  workers: number;
  /** CPU the processes use with nothing to do (timers, sweepers, other sessions on a shared machine), per second. */
  idle: CpuWindow;
  events?: Measured<EventThroughput>;
  hello?: Measured<HelloThroughput>;
  hot?: Measured<HotInstance>;
  /** What the system sustained with the bench sending as fast as it can (the latency phase runs at half of it). */
  sustained?: SustainedRate;
  eventLatency?: Measured<EventLatency>;
  taskLatency?: TaskLatency;
}

export interface RoundOptions {
  workers: number;
  knobs: Knobs;
  phases: Set<string>;
  cpuProfDir?: string;
  /** Where the queues live; the machine's Redis when unset. */
  redis?: RedisTarget;
  /** Runs on the round's stack before the workers start (the ceilings are measured there, in the first round). */
  beforeWorkers?: (stack: Stack) => Promise<void>;
  /** More worker environment (--observability turns metrics and tracing on). */
  workerEnv?: Record<string, string>;
  /** `--statements`: print Postgres's statements and row writes per hello instance (pg_stat_statements). */
  statements?: boolean;
}

async function measured<T>(groups: CpuGroup[], redisUrls: string[], phase: () => Promise<T>): Promise<Measured<T>> {
  const stopRedis = await startRedisWindow(redisUrls);
  const stop = await startCpuWindow(groups);
  const figure = await phase();
  const cpu = await stop();
  return { figure, cpu, redis: await stopRedis() };
}

/** Runs the selected phases with `workers` worker processes; drops the round's database and workers at the end. */
export async function runRound(options: RoundOptions): Promise<Round> {
  const { knobs, phases, workers: count } = options;
  try {
    const stack = await createStack('switchyard_bench', 'bench', [counterSpec, helloNoopSpec], options.redis);
    await options.beforeWorkers?.(stack);
    const env = {
      WORKER_ORCHESTRATOR_CONCURRENCY: String(knobs.concurrency),
      WORKER_TASK_CONCURRENCY: String(knobs.taskConcurrency),
      // The sweeper would republish rows held back by the paused queue; give it no reason to during the run.
      SWEEP_GRACE_MS: '60000',
      // One tenant, alone: let it use every task slot, so the bench measures the engine, not the fair-share cap.
      TENANT_TASK_CONCURRENCY: String(count * knobs.taskConcurrency),
      ...options.workerEnv,
    };
    const cpuProf = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
    const workers = Array.from({ length: count }, () => spawnWorker(stack, env, cpuProf));
    await waitForWorkers(stack, count).catch((error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n${workers.map((w) => w.stderrTail()).join('\n')}`,
      );
    });
    note(
      `${count} worker processes up (orchestrator concurrency ${knobs.concurrency}, task concurrency ${knobs.taskConcurrency})`,
    );
    const cpu = await stackCpuGroups(stack, workers);
    const redisUrls = stack.redisClusterNodes.length
      ? stack.redisClusterNodes.map((node) => `redis://${node}`)
      : [stack.redisUrl];
    const measure = <T>(phase: () => Promise<T>) => measured(cpu.groups, redisUrls, phase);

    const counterIds = await startInstances(stack, counterSpec.id, knobs.instances, 32, 'engine: start counters');
    await waitForInstances(
      stack,
      counterSpec.id,
      `"stateValue" = 'counting'`,
      knobs.instances,
      'engine: counters ready',
      60_000,
    );
    // After the counters' starts, so the workers are warm: what is left is timers, sweepers and other sessions.
    const round: Round = { workers: count, idle: (await measure(() => sleep(2_000))).cpu };
    if (phases.has('events'))
      round.events = await measure(() => measureEventThroughput(stack, counterIds, knobs.events));
    if (phases.has('hello')) {
      const statements = options.statements ? await startStatementWindow(stack) : undefined;
      round.hello = await measure(() => measureHelloThroughput(stack, knobs.hello));
      if (statements) note(await statements.report(knobs.hello, 'hello'));
    }
    if (phases.has('hot')) round.hot = await measure(() => measureHotInstance(stack, counterSpec.id, knobs.hotEvents));
    if (phases.has('latency')) {
      const listener = await startCommitListener(stack);
      // Half of the lower of what the workers apply (the events phase, sender left out) and what the whole system
      // sustains with the bench sending as fast as it can: a rate the sender itself can hold with room to spare.
      let rate = knobs.latencyRate;
      if (rate <= 0) {
        round.sustained = await measureSustainedRate(stack, listener, counterIds, 4_000);
        const { sentPerSec, appliedPerSec } = round.sustained;
        rate = Math.min(sentPerSec, appliedPerSec, round.events?.figure.eventsPerSec ?? Infinity) / 2;
      }
      round.eventLatency = await measure(() =>
        measureEventLatency(stack, listener, counterIds, rate, knobs.latencySeconds * 1_000),
      );
      round.taskLatency = await measureTaskLatency(
        stack,
        listener,
        (round.hello?.figure.instancesPerSec ?? 20) / 2,
        knobs.latencySeconds * 1_000,
      );
      await listener.stop();
    }
    await cpu.close();
    if (options.cpuProfDir) await Promise.all(workers.map((w) => stopWorker(w)));
    return round;
  } finally {
    await runCleanup();
  }
}
