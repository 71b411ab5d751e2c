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
import { activeTenantsKey } from './tenant-slots';
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
const jobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 200 },
  removeOnComplete: { count: 1_000 },
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

/**
 * Publishes committed outbox rows to BullMQ. A task row becomes a job whose id is the row id, so a republish is
 * harmless; an orchestrator row (an event) becomes a wake-up of its instance, which applies all that is pending.
 */
export class QueuePublisher {
  private readonly queues: Record<QueueName, Queue>;

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
    // Fair share: a tenant with work on its way counts as active, so a tenant over its cap stops borrowing slots.
    const tenants = [...new Set(messages.map((m) => m.tenantId))];
    const markedAt = Date.now();
    await this.options.connection
      .zadd(activeTenantsKey(this.options.prefix), ...tenants.flatMap((t) => [markedAt, t]))
      .catch((error: unknown) => {
        this.options.logger.debug(
          { err: error },
          'could not mark tenants active; fair share may lend a slot for a moment',
        );
      });
    // Task and batch rows: a job each, whose id is the row id. Event rows: a wake-up of their instance.
    const jobs = new Map<QueueName, OutboxMessage[]>();
    for (const m of messages) if (m.queue !== ORCHESTRATOR_QUEUE) jobs.set(m.queue, [...(jobs.get(m.queue) ?? []), m]);
    const wakeUps = new Map<string, InstanceWorkJob>();
    for (const message of messages) {
      const instanceId = message.queue === ORCHESTRATOR_QUEUE ? instanceOf(message) : undefined;
      if (instanceId) wakeUps.set(instanceId, { tenantId: message.tenantId, instanceId });
    }
    await Promise.all([
      ...[...jobs].map(([name, rows]) =>
        this.queues[name].addBulk(
          rows.map((row) => ({
            name: row.jobName,
            data: { outboxId: row.id, data: row.payload },
            opts: { ...jobOptions, jobId: row.id, delay: Math.max(0, row.availableAt.getTime() - now.getTime()) },
          })),
        ),
      ),
      wakeUps.size > 0 && this.wake([...wakeUps.values()]),
    ]);
  }

  /** Tells the orchestrators that these instances have pending events (one deduplicated job per instance). */
  async wake(instances: InstanceWorkJob[]): Promise<void> {
    await this.queues[ORCHESTRATOR_QUEUE].addBulk(
      instances.map((work) => ({
        name: JOB_INSTANCE_WORK,
        data: { data: work },
        opts: wakeUpOptions(work.instanceId),
      })),
    );
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
