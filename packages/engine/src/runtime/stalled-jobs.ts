import type { WorkerOptions } from 'bullmq';

/**
 * A job whose worker died is noticed after `lockDuration` and put back. Applying a job twice is harmless (the
 * outbox mark in Postgres de-duplicates), so a job may stall many times before BullMQ gives up on it; the
 * sweeper covers whatever BullMQ loses.
 */
export const stalledJobPolicy: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'> = {
  lockDuration: 15_000,
  stalledInterval: 7_500,
  maxStalledCount: 50,
};
