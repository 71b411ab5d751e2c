import { Queue, type JobsOptions } from 'bullmq';
import type { Logger } from '../logger';
import type { OutboxMessage } from '../store/outbox';
import { BATCH_QUEUE, ORCHESTRATOR_QUEUE, TASK_RUNNER_QUEUE, type QueueName } from '../contracts/jobs';
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

/** Publishes committed outbox rows to BullMQ; the row id is the job id, so a republish is harmless. */
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
    const byQueue = new Map<QueueName, OutboxMessage[]>();
    for (const message of messages) byQueue.set(message.queue, [...(byQueue.get(message.queue) ?? []), message]);
    await Promise.all(
      [...byQueue].map(([name, rows]) =>
        this.queues[name].addBulk(
          rows.map((row) => ({
            name: row.jobName,
            data: { outboxId: row.id, data: row.payload },
            opts: { ...jobOptions, jobId: row.id, delay: Math.max(0, row.availableAt.getTime() - now.getTime()) },
          })),
        ),
      ),
    );
  }

  /**
   * Publishes rows the sweeper found unconsumed. A job still waiting, delayed or running in Redis is left alone;
   * one that BullMQ gave up on (failed after stalling) or already dropped is removed and added again — re-adding
   * an id that still sits in the failed set would silently do nothing. Returns how many were (re)published.
   */
  async republish(messages: OutboxMessage[], now: Date = new Date()): Promise<number> {
    const lost: OutboxMessage[] = [];
    for (const message of messages) {
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
