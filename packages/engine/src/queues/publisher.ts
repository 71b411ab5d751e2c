import { Queue, type JobsOptions } from 'bullmq';
import type { Logger } from '../logger';
import type { OutboxMessage } from '../store/outbox';
import {
  BATCH_QUEUE,
  JOB_INSTANCE_WORK,
  ORCHESTRATOR_QUEUE,
  TASK_RUNNER_QUEUE,
  type InstanceWorkJob,
  type QueueName,
} from '../contracts/jobs';
import { ACTIVE_WINDOW_MS, activeTenantsKey } from './tenant-slots';
import type { RedisConnection } from './connection';
import { queueKeyPrefix } from './keys';

export interface PublisherOptions {
  connection: RedisConnection;
  /** BullMQ key prefix; tests use a unique one each so they never see each other's jobs. */
  prefix?: string;
  logger: Logger;
}

// Orchestrator jobs retry on infrastructure errors (a lost DB connection); applying twice is prevented by the
// outbox mark. Task runner jobs get the same: handler failures are retried by us, with the schedule in Postgres.
// A completed job is removed at once: Postgres has the outcome, and keeping the last 1,000 cost Redis 4 commands
// more per hello instance (48 → 44) for nothing it reads. A redelivered task job whose id is gone runs again and
// stops at the claim, as one with a new id always has.
const jobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 200 },
  removeOnComplete: true,
  removeOnFail: { count: 10_000 },
};

// A wake-up is deduplicated per instance: while one waits, another adds nothing (the waiting one will read every
// pending event); while one runs, BullMQ keeps one more and adds it when the running one finishes
// (keepLastIfActive), so an event committed after the running job read the outbox is never left without a wake-up.
// At most one wake-up of an instance runs at a time, so its batches never wait on each other's lock.
const wakeUpOptions = (instanceId: string): JobsOptions => ({
  ...jobOptions,
  removeOnComplete: true,
  deduplication: { id: instanceId, keepLastIfActive: true },
});

function instanceOf(message: OutboxMessage): string | undefined {
  if (message.instanceId) return message.instanceId;
  const payload = message.payload as { instanceId?: unknown } | null;
  return typeof payload?.instanceId === 'string' ? payload.instanceId : undefined;
}

/** A job on its way to one queue: what `addBulk` takes. */
interface QueuedJob {
  name: string;
  data: unknown;
  opts: JobsOptions;
}

/** What the publishes of one event-loop turn add together, and the callers waiting for it. */
interface Flush {
  jobs: Map<QueueName, QueuedJob[]>;
  wakeUps: Map<string, InstanceWorkJob>;
  tenants: Set<string>;
  done: Promise<void>;
}

/** How often one process marks a tenant active at most: well inside ACTIVE_WINDOW_MS, so the mark never lapses. */
const TENANT_MARK_EVERY_MS = ACTIVE_WINDOW_MS / 4;

/**
 * Publishes committed outbox rows to BullMQ. A task row becomes a job whose id is the row id, so a republish is
 * harmless; an orchestrator row (an event) becomes a wake-up of its instance, which applies all that is pending.
 * The publishes of one event-loop turn (many senders finishing their commits together) go out together: one
 * `addBulk` per queue, the wake-ups of one instance merged into one.
 */
export class QueuePublisher {
  private readonly queues: Record<QueueName, Queue>;
  private next: Flush | undefined;
  /** When this process last marked each tenant active. */
  private readonly marked = new Map<string, number>();

  constructor(private readonly options: PublisherOptions) {
    const queue = (name: QueueName) =>
      new Queue(name, { connection: options.connection, prefix: queueKeyPrefix(options.prefix, name) });
    this.queues = {
      [ORCHESTRATOR_QUEUE]: queue(ORCHESTRATOR_QUEUE),
      [TASK_RUNNER_QUEUE]: queue(TASK_RUNNER_QUEUE),
      [BATCH_QUEUE]: queue(BATCH_QUEUE),
    };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Publishes rows after their transaction committed. Throws when Redis refuses; the sweeper retries later. */
  async publish(messages: OutboxMessage[], now: Date = new Date()): Promise<void> {
    if (messages.length === 0) return;
    const flush = this.nextFlush();
    for (const message of messages) {
      flush.tenants.add(message.tenantId);
      if (message.queue === ORCHESTRATOR_QUEUE) {
        const instanceId = instanceOf(message);
        if (instanceId) flush.wakeUps.set(instanceId, { tenantId: message.tenantId, instanceId });
        continue;
      }
      // Task and batch rows: a job each, whose id is the row id (the delay from the caller's clock).
      const jobs = flush.jobs.get(message.queue) ?? [];
      jobs.push({
        name: message.jobName,
        data: { outboxId: message.id, data: message.payload },
        opts: { ...jobOptions, jobId: message.id, delay: Math.max(0, message.availableAt.getTime() - now.getTime()) },
      });
      flush.jobs.set(message.queue, jobs);
    }
    await flush.done;
  }

  /** Tells the orchestrators that these instances have pending events (one deduplicated job per instance). */
  async wake(instances: InstanceWorkJob[]): Promise<void> {
    if (instances.length === 0) return;
    const flush = this.nextFlush();
    for (const work of instances) flush.wakeUps.set(work.instanceId, work);
    await flush.done;
  }

  /**
   * Takes over the wake-up BullMQ keeps for an instance whose wake-up is running (keepLastIfActive): true when there
   * was one, and the running wake-up then applies what it stood for itself, at once, instead of the kept one being
   * queued behind every other instance's when the running one finishes. Safe by order: each event the kept wake-up
   * stood for was committed before it was published, so before this call, so before the caller's next read.
   */
  async takeKeptWakeUp(instanceId: string): Promise<boolean> {
    // BullMQ keeps it in `<queue key>:dn:<deduplication id>`; if that ever changes this finds nothing and the kept
    // job runs as before (slower, never wrong).
    return (await this.options.connection.del(this.queues[ORCHESTRATOR_QUEUE].toKey(`dn:${instanceId}`))) === 1;
  }

  /** The flush the publishes of this event-loop turn join; it goes out once the turn's I/O callbacks have run. */
  private nextFlush(): Flush {
    if (this.next) return this.next;
    const flush: Flush = {
      jobs: new Map(),
      wakeUps: new Map(),
      tenants: new Set(),
      done: new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          if (this.next === flush) this.next = undefined;
          this.send(flush).then(resolve, reject);
        });
      }),
    };
    this.next = flush;
    return flush;
  }

  private async send(flush: Flush): Promise<void> {
    await Promise.all([
      this.markActive(flush.tenants),
      ...[...flush.jobs].map(([name, jobs]) => this.queues[name].addBulk(jobs)),
      flush.wakeUps.size > 0 &&
        this.queues[ORCHESTRATOR_QUEUE].addBulk(
          [...flush.wakeUps.values()].map((work) => ({
            name: JOB_INSTANCE_WORK,
            data: { data: work },
            opts: wakeUpOptions(work.instanceId),
          })),
        ),
    ]);
  }

  /**
   * Fair share: a tenant with work on its way counts as active, so a tenant over its cap stops borrowing slots.
   * Sent beside the jobs, not before them, and at most every TENANT_MARK_EVERY_MS per tenant from this process.
   */
  private async markActive(tenants: Set<string>): Promise<void> {
    const markedAt = Date.now();
    const due = [...tenants].filter((t) => (this.marked.get(t) ?? 0) <= markedAt - TENANT_MARK_EVERY_MS);
    if (due.length === 0) return;
    for (const t of due) this.marked.set(t, markedAt);
    await this.options.connection
      .zadd(activeTenantsKey(this.options.prefix), ...due.flatMap((t) => [markedAt, t]))
      .catch((error: unknown) => {
        for (const t of due) this.marked.delete(t);
        this.options.logger.debug(
          { err: error },
          'could not mark tenants active; fair share may lend a slot for a moment',
        );
      });
  }

  /**
   * Publishes rows the sweeper found unconsumed. Events wake their instance again. A task job still waiting,
   * delayed or running in Redis is left alone;
   * one that BullMQ gave up on (failed after stalling) or already dropped is removed and added again — re-adding
   * an id that still sits in the failed set would silently do nothing. Returns how many were (re)published.
   */
  async republish(messages: OutboxMessage[], now: Date = new Date()): Promise<number> {
    // A wake-up is cheap and deduplicated: no need to ask Redis what became of an earlier one.
    const lost: OutboxMessage[] = messages.filter((m) => m.queue === ORCHESTRATOR_QUEUE);
    for (const message of messages) {
      if (message.queue === ORCHESTRATOR_QUEUE) continue;
      const queue = this.queues[message.queue];
      const state = await queue.getJobState(message.id);
      if (state === 'failed' || state === 'completed') await queue.remove(message.id);
      if (state === 'failed' || state === 'completed' || state === 'unknown') lost.push(message);
    }
    await this.publish(lost, now);
    return lost.length;
  }

  /** Publishes, and on failure only logs: the rows are committed, so the sweeper will deliver them. */
  async publishOrDefer(messages: OutboxMessage[], now: Date = new Date()): Promise<void> {
    try {
      await this.publish(messages, now);
    } catch (error) {
      this.options.logger.warn({ err: error, count: messages.length }, 'publish failed; the outbox sweeper will retry');
    }
  }

  /** Removes a delayed job early (a cancelled task); harmless when it is already gone. */
  async remove(queue: QueueName, jobId: string): Promise<void> {
    try {
      await this.queues[queue].remove(jobId);
    } catch (error) {
      this.options.logger.debug({ err: error, jobId }, 'job removal skipped');
    }
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}
