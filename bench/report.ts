import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BullmqLimits } from './limits/bullmq-raw';
import type { EventThroughput } from './phases/event-throughput';
import type { EventLatency } from './phases/event-latency';
import type { HelloThroughput } from './phases/hello-throughput';
import type { TaskLatency } from './phases/task-latency';
import { renderTable } from '@switchyard/testkit';

export interface BenchResult {
  startedAt: string;
  machine: { cpus: number; memoryGiB: number; node: string };
  knobs: Record<string, number>;
  limits: { postgres: { commitsPerSec: number; connections: number }; bullmq: BullmqLimits };
  engine: { events: EventThroughput; hello: HelloThroughput; eventLatency: EventLatency; taskLatency: TaskLatency };
}

const TARGETS = { eventsPerSec: 1_500, helloPerSec: 500, p99Ms: 20 };

const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');

/** The printed report: limits, engine figures, ratios and the targets, all from one run. */
export function renderReport(r: BenchResult): string {
  const { limits, engine } = r;
  const lat = (label: string, p: { p50: number; p95: number; p99: number; count: number }, extra: string) => [
    label,
    p.p50,
    p.p95,
    p.p99,
    p.count,
    extra,
  ];
  const throughput = renderTable(
    ['measure', 'rate /s', 'notes'],
    [
      [
        'limit: postgres 1-row UPDATE commits',
        limits.postgres.commitsPerSec,
        `${limits.postgres.connections} connections, autocommit`,
      ],
      [
        'limit: bullmq add (1 job per call)',
        limits.bullmq.addPerSec,
        `${limits.bullmq.workers * limits.bullmq.concurrency} callers in flight`,
      ],
      ['limit: bullmq addBulk', limits.bullmq.addBulkPerSec, 'batches of 500'],
      [
        'limit: bullmq process empty job',
        limits.bullmq.processPerSec,
        `${limits.bullmq.workers} workers × concurrency ${limits.bullmq.concurrency}`,
      ],
      [
        'engine: events applied',
        engine.events.eventsPerSec,
        `${engine.events.events} TICKs over ${engine.events.instances} instances, pre-queued`,
      ],
      [
        'engine: hello instances completed',
        engine.hello.instancesPerSec,
        `${engine.hello.instances} instances, NOOP task, pre-queued`,
      ],
    ],
  );
  const latency = renderTable(
    ['latency (ms, commit-based)', 'p50', 'p95', 'p99', 'samples', 'load'],
    [
      lat(
        'sendEvent → transition committed',
        engine.eventLatency.sendToCommit,
        `${Math.round(engine.eventLatency.achievedPerSec)}/s (target ${Math.round(engine.eventLatency.targetPerSec)}/s)`,
      ),
      lat(
        'task.succeeded → next transition committed',
        engine.taskLatency.completionToTransition,
        `${Math.round(engine.taskLatency.achievedPerSec)} starts/s (target ${Math.round(engine.taskLatency.targetPerSec)}/s)`,
      ),
      lat('startInstance → instance completed', engine.taskLatency.startToDone, 'same run'),
    ],
  );
  const ratios = renderTable(
    ['ratio', 'value', 'meaning'],
    [
      [
        'engine events/s ÷ postgres commits/s',
        engine.events.eventsPerSec / limits.postgres.commitsPerSec,
        'share of the raw commit budget the engine reaches',
      ],
      [
        'engine cost per event ÷ raw bullmq job',
        limits.bullmq.processPerSec / engine.events.eventsPerSec,
        'how many raw empty jobs fit in the time of one engine event',
      ],
    ],
  );
  const targets = renderTable(
    ['target', 'measured', 'result'],
    [
      [
        `≥ ${TARGETS.eventsPerSec} events/s`,
        engine.events.eventsPerSec,
        met(engine.events.eventsPerSec >= TARGETS.eventsPerSec),
      ],
      [
        `≥ ${TARGETS.helloPerSec} hello instances/s`,
        engine.hello.instancesPerSec,
        met(engine.hello.instancesPerSec >= TARGETS.helloPerSec),
      ],
      // A phase left out with --phases measured nothing: say so rather than pass a target with a zero.
      [
        `p99 event → committed transition < ${TARGETS.p99Ms} ms at half load`,
        engine.eventLatency.sendToCommit.p99,
        engine.eventLatency.sendToCommit.count === 0
          ? 'skipped'
          : met(engine.eventLatency.sendToCommit.p99 < TARGETS.p99Ms),
      ],
    ],
  );
  const knobs = Object.entries(r.knobs)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    `Switchyard bench — ${r.startedAt} — ${r.machine.cpus} cpus, ${r.machine.memoryGiB} GiB, node ${r.machine.node}`,
    `knobs: ${knobs}`,
    '',
    throughput,
    '',
    latency,
    '',
    ratios,
    '',
    targets,
  ].join('\n');
}

/** Writes the full result as JSON under bench/results/<timestamp>.json and returns the path. */
export function writeResult(r: BenchResult): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = `${dir}${r.startedAt.replace(/[:.]/g, '-')}.json`;
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`);
  return path;
}
