// `pnpm bench`: limits of this machine and the engine's throughput, latency and CPU cost, measured in one run.
import { cpus, totalmem } from 'node:os';
import {
  installSignalCleanup,
  intFlag,
  note,
  parseFlags,
  REDIS_URL,
  runCleanup,
  startScratchRedis,
  startScratchRedisCluster,
  stringFlag,
  type ScratchRedis,
  type ScratchRedisCluster,
} from '@switchyard/testkit';
import { measureCliStart, renderCliStart } from './cli-start';
import { measureBullmq } from './limits/bullmq-raw';
import { measurePostgresCommits } from './limits/postgres-commits';
import { startObservabilitySink } from './observability';
import { renderReport, writeResult, type BenchResult } from './report';
import { runRound, type Knobs, type Round } from './round';

const USAGE = `usage: pnpm bench [--workers 2 | --workers 1,2,4] [--concurrency 8] [--task-concurrency 8] [--instances 200]
                  [--events 6000] [--hello 2000] [--hot-events 1000] [--latency-seconds 10] [--latency-rate N] [--jobs 20000]
                  [--phases limits,events,hello,hot,latency,cli] [--redis-cluster] [--cpu-prof DIR] [--observability] [--statements]
  --workers   worker processes; a list runs the events and hello phases once per count (scale-out), each on a
              fresh database, and the hot-instance and latency phases once, with 2 workers if listed, else the first
  --phases    run only these phases (a skipped phase reports nothing)
  --latency-rate  events/s for the latency phase; by default half of the lower of the events phase's rate and what
              the whole system, the bench's sender included, sustains when the sender sends as fast as it can
  --redis-cluster  the queues on a local three-master Redis Cluster instead of a Redis of the bench's own (the
              ceilings stay on a single Redis)
  --cpu-prof  write a V8 CPU profile of each worker process into DIR (workers are stopped with SIGTERM at the end)
  --statements  print Postgres's statements (pg_stat_statements, if preloaded) and rows written per hello instance
  --observability  workers keep Prometheus metrics and export every span over OTLP (to a counting sink here):
              compare with a run without it for their cost`;

function workerCounts(raw: string | undefined): number[] {
  const counts = (raw ?? '2').split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`--workers expects a positive integer or a list like 1,2,4, got "${raw}"`);
  return counts;
}

// Started once for every round (each round's cleanup would otherwise stop it), stopped when the bench ends.
let cluster: ScratchRedisCluster | undefined;
// Without a cluster the queues live on a Redis of the bench's own (same settings as the machine's: no persistence),
// so its CPU and its command counts are the engine's alone, not other sessions' on a shared Redis.
let scratch: ScratchRedis | undefined;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has('help')) {
    console.log(USAGE);
    return;
  }
  const counts = workerCounts(stringFlag(flags, 'workers'));
  const primary = counts.includes(2) ? 2 : counts[0]!;
  const knobs: Knobs = {
    concurrency: intFlag(flags, 'concurrency', 8),
    taskConcurrency: intFlag(flags, 'task-concurrency', 8),
    instances: intFlag(flags, 'instances', 200),
    events: intFlag(flags, 'events', 6_000),
    hello: intFlag(flags, 'hello', 2_000),
    hotEvents: intFlag(flags, 'hot-events', 1_000),
    latencySeconds: intFlag(flags, 'latency-seconds', 10),
    latencyRate: intFlag(flags, 'latency-rate', 0),
    jobs: intFlag(flags, 'jobs', 20_000),
  };
  const phases = new Set((stringFlag(flags, 'phases') ?? 'limits,events,hello,hot,latency,cli').split(','));
  const cpuProfDir = stringFlag(flags, 'cpu-prof');
  installSignalCleanup();
  const sink = flags.has('observability') ? await startObservabilitySink() : undefined;
  if (sink) note('observability on: workers keep /metrics and export every span over OTLP/HTTP');
  const startedAt = new Date().toISOString();
  if (flags.has('redis-cluster')) {
    cluster = await startScratchRedisCluster(3);
    note(`queues on a Redis Cluster: ${cluster.nodes.join(', ')}`);
  } else scratch = await startScratchRedis();
  const redis = cluster ? { url: REDIS_URL, clusterNodes: cluster.nodes } : { url: scratch?.url ?? REDIS_URL };

  let limits: BenchResult['limits'] = {
    postgres: { commitsPerSec: Number.NaN, connections: 0 },
    bullmq: { addPerSec: Number.NaN, addBulkPerSec: Number.NaN, processPerSec: Number.NaN, workers: 0, concurrency: 0 },
  };
  const rounds: Round[] = [];
  // The primary round first: it measures the ceilings and carries the latency and hot-instance phases.
  for (const count of [primary, ...counts.filter((c) => c !== primary)]) {
    const isPrimary = count === primary;
    rounds.push(
      await runRound({
        workers: count,
        knobs,
        phases: isPrimary ? phases : new Set([...phases].filter((p) => p === 'events' || p === 'hello')),
        cpuProfDir,
        redis,
        workerEnv: sink?.env,
        statements: flags.has('statements'),
        beforeWorkers:
          isPrimary && phases.has('limits')
            ? async (stack) => {
                limits = {
                  postgres: await measurePostgresCommits(stack.ownerUrl, primary * knobs.concurrency, 5_000),
                  bullmq: await measureBullmq(scratch?.url ?? REDIS_URL, knobs.jobs, primary, knobs.concurrency),
                };
              }
            : undefined,
      }),
    );
  }
  rounds.sort((a, b) => a.workers - b.workers);

  const result: BenchResult = {
    startedAt,
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    knobs: {
      workers: counts,
      primaryWorkers: primary,
      redisClusterMasters: cluster ? cluster.nodes.length : 0,
      ...knobs,
    },
    limits,
    rounds,
    ...(phases.has('cli') ? { cliStart: await measureCliStart() } : {}),
  };
  console.log(renderReport(result));
  if (result.cliStart) console.log(`\n${renderCliStart(result.cliStart)}`);
  if (sink) {
    const { requests, bytes } = sink.received();
    console.log(`\nobservability on: ${requests} OTLP exports, ${(bytes / 2 ** 20).toFixed(1)} MiB of spans received`);
    await sink.stop();
  }
  console.log(`\nresults: ${writeResult(result)}`);
}

try {
  await main();
} catch (error) {
  note(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await runCleanup();
  await cluster?.stop();
  await scratch?.stop();
}
process.exit(process.exitCode ?? 0);
