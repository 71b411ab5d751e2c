import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderTable, type CpuWindow, type Percentiles } from '@switchyard/testkit';
import type { BullmqLimits } from './limits/bullmq-raw';
import type { Round } from './round';
import type { CliStart } from './cli-start';
import { describePer } from './redis-stats';

export interface BenchResult {
  startedAt: string;
  machine: { cpus: number; memoryGiB: number; node: string };
  knobs: Record<string, number | number[]>;
  limits: { postgres: { commitsPerSec: number; connections: number }; bullmq: BullmqLimits };
  /** One per worker count, fewest workers first; the primary one also has the hot-instance and latency phases. */
  rounds: Round[];
  /** `--phases …,cli`: the built CLI's start-up against bare Node and the tsx path. */
  cliStart?: CliStart;
}

/** The targets of issue 13, each a ratio to the Postgres ceiling measured in the same run, or a fixed bound. */
const TARGETS = {
  eventsRatio: 0.35,
  helloRatio: 0.12,
  hotRatio: 0.2,
  p99Ms: 50,
  cpuMsPerEvent: 1.2,
};

/** CPU ms per unit of work: the engine's processes together, and each group apart (the sender is the bench). */
export function costPer(cpu: CpuWindow, units: number) {
  const per = (group: string) => (cpu.ms[group] ?? Number.NaN) / units;
  return {
    engine: per('workers') + per('postgres') + per('redis'),
    workers: per('workers'),
    postgres: per('postgres'),
    redis: per('redis'),
    sender: per('sender'),
  };
}

const met = (ok: boolean) => (ok ? 'met' : 'not met');
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—');

function targetRow(what: string, measured: number | undefined, ceiling: number, ratio: number, unit = '/s') {
  if (measured === undefined) return [what, '—', '—', '—', 'skipped'];
  const got = measured / ceiling;
  if (!Number.isFinite(got)) return [what, `${Math.round(measured)}${unit}`, '—', '—', 'no ceiling (limits skipped)'];
  return [
    what,
    `${Math.round(measured).toLocaleString('en-US')}${unit}`,
    got,
    `×${(got / ratio).toFixed(2)}`,
    met(got >= ratio),
  ];
}

/** Where the latency phase's rate came from: half of the lowest rate the run sustained. */
function sustainedNote(round: Round): string {
  if (!round.sustained) return ', --latency-rate';
  const sent = Math.round(round.sustained.sentPerSec);
  const applied = Math.round(round.sustained.appliedPerSec);
  const events = round.events ? `, events phase ${Math.round(round.events.figure.eventsPerSec)}` : '';
  return ` = ½ × min(sender ${sent}, applied ${applied}${events})`;
}

function latencyRows(round: Round | undefined): (string | number)[][] {
  const lat = (label: string, p: Percentiles | undefined, load: string) =>
    p ? [label, p.p50, p.p95, p.p99, p.count, load] : [label, '—', '—', '—', 0, 'skipped'];
  return [
    lat(
      'sendEvent → transition committed',
      round?.eventLatency?.figure.sendToCommit,
      round?.eventLatency
        ? `${Math.round(round.eventLatency.figure.achievedPerSec)}/s (target ${Math.round(round.eventLatency.figure.targetPerSec)}/s${sustainedNote(round)})`
        : '',
    ),
    lat(
      'task.succeeded → next transition committed',
      round?.taskLatency?.completionToTransition,
      round?.taskLatency
        ? `${Math.round(round.taskLatency.achievedPerSec)} starts/s (target ${Math.round(round.taskLatency.targetPerSec)}/s)`
        : '',
    ),
    lat('startInstance → instance completed', round?.taskLatency?.startToDone, 'same run'),
  ];
}

/** The printed report: ceilings, the engine per worker count with its CPU cost, latency, and issue 13's targets. */
export function renderReport(r: BenchResult): string {
  const { limits } = r;
  const primary = r.rounds.find((round) => round.workers === r.knobs.primaryWorkers) ?? r.rounds[0];
  const ceilings = renderTable(
    ['ceiling (same machine, same run)', 'rate /s', 'notes'],
    [
      [
        'postgres 1-row UPDATE commits',
        limits.postgres.commitsPerSec,
        `${limits.postgres.connections} connections, autocommit`,
      ],
      [
        'bullmq add (1 job per call)',
        limits.bullmq.addPerSec,
        `${limits.bullmq.workers * limits.bullmq.concurrency} callers in flight`,
      ],
      ['bullmq addBulk', limits.bullmq.addBulkPerSec, 'batches of 500'],
      [
        'bullmq process empty job',
        limits.bullmq.processPerSec,
        `${limits.bullmq.workers} workers × concurrency ${limits.bullmq.concurrency}`,
      ],
    ],
  );
  const scale = renderTable(
    [
      'workers',
      'events/s',
      'CPU ms/event',
      'workers',
      'postgres',
      'redis',
      'sender',
      'hello/s',
      'CPU ms/hello',
      'workers',
      'postgres',
      'redis',
      'sender',
    ],
    r.rounds.map((round) => {
      const e = round.events ? costPer(round.events.cpu, round.events.figure.events) : undefined;
      const h = round.hello ? costPer(round.hello.cpu, round.hello.figure.instances) : undefined;
      return [
        round.workers,
        round.events?.figure.eventsPerSec ?? Number.NaN,
        e?.engine ?? Number.NaN,
        e?.workers ?? Number.NaN,
        e?.postgres ?? Number.NaN,
        e?.redis ?? Number.NaN,
        e?.sender ?? Number.NaN,
        round.hello?.figure.instancesPerSec ?? Number.NaN,
        h?.engine ?? Number.NaN,
        h?.workers ?? Number.NaN,
        h?.postgres ?? Number.NaN,
        h?.redis ?? Number.NaN,
        h?.sender ?? Number.NaN,
      ];
    }),
  );
  const idle = renderTable(
    ['idle CPU (ms/s, before the phases)', 'workers', 'postgres', 'redis'],
    r.rounds.map((round) => {
      const perSec = (group: string) => ((round.idle.ms[group] ?? Number.NaN) * 1000) / round.idle.wallMs;
      return [`${round.workers} workers`, perSec('workers'), perSec('postgres'), perSec('redis')];
    }),
  );
  const redisRows = r.rounds.flatMap((round) =>
    (
      [
        ['events phase, per applied event', round.events, round.events?.figure.events],
        ['hello phase, per completed instance', round.hello, round.hello?.figure.instances],
        ['hot instance, per applied event', round.hot, round.hot?.figure.events],
        ['latency phase, per event sent', round.eventLatency, round.eventLatency?.figure.sendToCommit.count],
      ] as const
    ).flatMap(([what, phase, units]) =>
      phase && units ? [[`${round.workers} workers, ${what}`, describePer(phase.redis, units)]] : [],
    ),
  );
  const redis = renderTable(['redis work (INFO stats and commandstats)', 'per unit'], redisRows);
  const latency = renderTable(
    [`latency, ${primary?.workers ?? '—'} workers (ms, commit-based)`, 'p50', 'p95', 'p99', 'samples', 'load'],
    latencyRows(primary),
  );
  const pgCeiling = limits.postgres.commitsPerSec;
  const eventCost = primary?.events ? costPer(primary.events.cpu, primary.events.figure.events).engine : undefined;
  const p99 = primary?.eventLatency?.figure.sendToCommit.p99;
  const targets = renderTable(
    ['issue 13 target', 'measured', '÷ postgres ceiling', 'of target', 'result'],
    [
      targetRow(
        `engine events applied/s ≥ ${TARGETS.eventsRatio} × postgres ceiling`,
        primary?.events?.figure.eventsPerSec,
        pgCeiling,
        TARGETS.eventsRatio,
      ),
      targetRow(
        `hello instances/s ≥ ${TARGETS.helloRatio} × postgres ceiling`,
        primary?.hello?.figure.instancesPerSec,
        pgCeiling,
        TARGETS.helloRatio,
      ),
      targetRow(
        `${primary?.hot?.figure.events.toLocaleString('en-US') ?? 1_000} events to one instance ≥ ${TARGETS.hotRatio} × postgres ceiling`,
        primary?.hot?.figure.eventsPerSec,
        pgCeiling,
        TARGETS.hotRatio,
      ),
      p99 === undefined
        ? [`sendEvent → transition p99 at half load ≤ ${TARGETS.p99Ms} ms`, '—', '—', '—', 'skipped']
        : [
            `sendEvent → transition p99 at half load ≤ ${TARGETS.p99Ms} ms`,
            ms(p99),
            '—',
            `×${(TARGETS.p99Ms / p99).toFixed(2)}`,
            met(p99 <= TARGETS.p99Ms),
          ],
      eventCost === undefined
        ? [`CPU per applied event < ${TARGETS.cpuMsPerEvent} ms`, '—', '—', '—', 'skipped']
        : [
            `CPU per applied event < ${TARGETS.cpuMsPerEvent} ms (workers + postgres + redis)`,
            ms(eventCost),
            '—',
            `×${(TARGETS.cpuMsPerEvent / eventCost).toFixed(2)}`,
            met(eventCost < TARGETS.cpuMsPerEvent),
          ],
    ],
  );
  const knobs = Object.entries(r.knobs)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`)
    .join(' ');
  return [
    `Switchyard bench — ${r.startedAt} — ${r.machine.cpus} cpus, ${r.machine.memoryGiB} GiB, node ${r.machine.node}`,
    `knobs: ${knobs}`,
    '',
    ceilings,
    '',
    'engine per worker count (pre-queued work; CPU from /proc over queueing + applying, per event or per completed hello instance):',
    scale,
    '',
    idle,
    '',
    redis,
    '',
    latency,
    '',
    targets,
    '("of target": measured ÷ target, ≥ 1 is met; for the bounds, target ÷ measured)',
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
