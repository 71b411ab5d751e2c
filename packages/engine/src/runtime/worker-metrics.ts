// Prometheus metrics of one worker process (prom-client), on their own registry so several runtimes in one
// process (tests) never share counters. Counters and histograms cost a map lookup per event; queue depths and
// the outbox lag are read from Redis and Postgres only when /metrics is scraped.
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ORCHESTRATOR_QUEUE, TASK_RUNNER_QUEUE } from '../contracts/jobs';
import type { QueuePublisher } from '../queues/publisher';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the gauges read at scrape time. */
export interface MetricSources {
  pool: pg.Pool;
  publisher: QueuePublisher;
}

/** Outbox rows due and not consumed: how many, and how long the oldest has waited (the relay's lag). */
async function outboxBacklog(pool: pg.Pool): Promise<{ pending: number; lagSeconds: number }> {
  const { rows } = await pool.query<{ pending: number; lag: number | null }>(
    `SELECT count(*)::int AS pending, EXTRACT(EPOCH FROM (now() - min("availableAt")))::float8 AS lag
     FROM "Outbox" WHERE "processedAt" IS NULL AND "deadLetteredAt" IS NULL AND "discardedAt" IS NULL AND "availableAt" <= now()`,
  );
  return { pending: rows[0]?.pending ?? 0, lagSeconds: Math.max(0, rows[0]?.lag ?? 0) };
}

export class WorkerMetrics {
  readonly registry = new Registry();

  private readonly eventsApplied = new Counter({
    name: 'switchyard_events_applied_total',
    help: 'Event deliveries the orchestrator finished, by outcome (applied, ignored, guarded, duplicate, dead-lettered, error)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private readonly applySeconds = new Histogram({
    name: 'switchyard_event_apply_duration_seconds',
    help: 'Time to apply one event delivery (the transaction and the publish after it), by outcome',
    labelNames: ['outcome'],
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly taskAttempts = new Counter({
    name: 'switchyard_task_attempts_total',
    help: 'Task attempts finished, by task type and outcome (succeeded, retrying, failed, discarded, stale)',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });

  private readonly taskSeconds = new Histogram({
    name: 'switchyard_task_attempt_duration_seconds',
    help: 'Time one task attempt took from claim to stored outcome, by task type',
    labelNames: ['type'],
    buckets: SECONDS,
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    new Gauge({
      name: 'switchyard_queue_jobs',
      help: 'Jobs in the BullMQ queues by state, read when scraped',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const queue of [ORCHESTRATOR_QUEUE, TASK_RUNNER_QUEUE] as const) {
          const counts = await sources.publisher.queue(queue).getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
    // One query answers both outbox gauges; the second scrape-time collect reuses the first's answer.
    let backlog: Promise<{ pending: number; lagSeconds: number }> | undefined;
    const readBacklog = () => (backlog ??= outboxBacklog(sources.pool).finally(() => (backlog = undefined)));
    new Gauge({
      name: 'switchyard_outbox_pending_messages',
      help: 'Outbox rows due and not yet consumed (published or waiting for the relay)',
      registers: [this.registry],
      async collect() {
        this.set((await readBacklog()).pending);
      },
    });
    new Gauge({
      name: 'switchyard_outbox_lag_seconds',
      help: 'Age of the oldest due outbox row not yet consumed (0 when none)',
      registers: [this.registry],
      async collect() {
        this.set((await readBacklog()).lagSeconds);
      },
    });
  }

  /** `count` events applied together in one transaction that took `seconds`: each one waited that long. */
  eventsAppliedTogether(outcome: string, count: number, seconds: number): void {
    this.eventsApplied.inc({ outcome }, count);
    for (let i = 0; i < count; i++) this.applySeconds.observe({ outcome }, seconds);
  }

  /** `type` must be a registered type (bounded label values), never a string from a spec as such. */
  taskAttempt(type: string, outcome: string, seconds: number): void {
    this.taskAttempts.inc({ type, outcome });
    this.taskSeconds.observe({ type }, seconds);
  }
}
