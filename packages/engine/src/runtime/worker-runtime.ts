import { startBatchRunner } from './batch-runner';
import { hostname } from 'node:os';
import type { Worker } from 'bullmq';
import type { Actor } from '../contracts/actor';
import type { AiConfig } from '../ai/config';
import { createRedis } from '../queues/connection';
import { IntervalClaim } from '../queues/interval-claim';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../store/retention';
import { ORCHESTRATOR_QUEUE, TASK_RUNNER_QUEUE } from '../contracts/jobs';
import { TenantSlots } from '../queues/tenant-slots';
import { DEFAULT_GUARD_LIMITS, type GuardLimits } from '../store/runaway-guards';
import { DEFAULT_BATCH_SIZE } from '../store/instance-batch';
import { DEFAULT_TENANT_CAPS, TenantCaps, type TenantCapDefaults } from '../store/tenant-caps';
import { createEgressClient, defaultEgressPolicy, type EgressPolicy } from '../egress';
import { defaultBackoff, type BackoffPolicy } from '../tasks/backoff';
import { createBuiltinRegistry } from './builtin-registry';
import { addCustomHandlers, type TaskHandlerDefinitions } from '../tasks/define';
import { registerTaskTypes } from '../store/task-types';
import { WorkerMetrics } from './worker-metrics';
import { startMetricsServer } from './metrics-server';
import { loadTenantTaskSettings } from '../store/tenant-settings';
import type { TaskHandlerRegistry } from '../tasks/registry';
import { createEngineDeps, type EngineDepsConfig } from '../deps/create-engine-deps';
import type { EngineDeps } from '../deps/engine-deps';
import type { FairShare } from './fair-share';
import { startOrchestrator } from './orchestrator';
import { startSweeper } from './sweeper';
import { startTaskRunner } from './task-runner';
import { startAlertEvaluator } from './alert-evaluator';
import { defaultRetentionSchedule, startRetention } from './retention';
import {
  defaultOutboundDeliveryOptions,
  startOutboundDeliveries,
  type OutboundDeliveryOptions,
} from './outbound-deliveries';

/** The shared resources' settings (createEngineDeps) and the worker's own; the pool is sized from the concurrency. */
export interface WorkerRuntimeConfig extends Omit<EngineDepsConfig, 'poolSize' | 'taskTypes' | 'limits'> {
  orchestratorConcurrency?: number;
  taskConcurrency?: number;
  leaseMs?: number;
  backoff?: BackoffPolicy;
  sweepIntervalMs?: number;
  sweepGraceMs?: number;
  /** How long after a republish the sweeper may publish the same unconsumed row again. */
  republishAfterMs?: number;
  smtpUrl?: string;
  /** The deployment's EMAIL sender (EMAIL_FROM) for tenants that set none. */
  emailFrom?: string;
  /** What HTTP tasks may reach (EGRESS_ALLOW, caps); the default denies every non-public address. */
  egress?: EgressPolicy;
  /** Model providers for AI_DECISION tasks (from AI_* environment variables). */
  ai?: AiConfig;
  /** Default per-tenant slot caps (a Tenant row's own caps win); `false` turns fair share off. */
  tenantCaps?: Partial<TenantCapDefaults> | false;
  /** How long a job refused a tenant slot stays parked at most (a release of that tenant's slot wakes it sooner). */
  parkMs?: Partial<Record<'task' | 'orchestrator', number>>;
  /** Runaway guard limits per instance (an operator may raise them for one instance). */
  guards?: Partial<GuardLimits>;
  /** Deliveries of one event that may throw before it is dead-lettered. */
  maxEventFailures?: number;
  /** Outbound webhook and alert deliveries: attempts, backoff, per-tenant fair share (WEBHOOK_*). */
  outbound?: Partial<Omit<OutboundDeliveryOptions, 'egress' | 'sendEmail'>>;
  /** How often polled alert rules are evaluated (ALERT_INTERVAL_MS). */
  alertIntervalMs?: number;
  /** How long operational rows are kept and how often one worker prunes them (RETENTION_*). */
  retention?: { policy?: Partial<RetentionPolicy>; intervalMs?: number };
  /** Pending events of one instance applied per transaction (ORCHESTRATOR_BATCH_SIZE, DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** Adds or replaces handlers on top of the built-in ones. */
  extendRegistry?: (registry: TaskHandlerRegistry, deps: EngineDeps) => void;
  /** The deployment's own task types (tasks/define.ts), registered in Postgres so publish checks their input. */
  handlers?: TaskHandlerDefinitions;
  /** Serve Prometheus metrics at http://host:port/metrics (METRICS_PORT, METRICS_HOST); absent: no metrics kept. */
  metrics?: { host: string; port: number };
}

export interface WorkerRuntime {
  deps: EngineDeps;
  worker: Actor;
  /** Resolves once the custom task types are registered (publish then knows them) and /metrics listens. */
  ready: Promise<{ metricsUrl: string | null }>;
  /** Stops taking jobs, lets in-flight jobs finish, closes connections. */
  stop(): Promise<void>;
}

/** Starts orchestrator, task runner and sweeper (which is also the outbox relay's safety net) in this process. */
export function startWorkerRuntime(config: WorkerRuntimeConfig): WorkerRuntime {
  const worker: Actor = { type: 'worker', id: `${hostname()}:${process.pid}` };
  const resources = createEngineDeps({
    databaseUrl: config.databaseUrl,
    poolSize: (config.orchestratorConcurrency ?? 8) + (config.taskConcurrency ?? 8) + 2,
    redisUrl: config.redisUrl,
    redisClusterNodes: config.redisClusterNodes,
    queuePrefix: config.queuePrefix,
    logger: config.logger,
    clock: config.clock,
    secretsKey: config.secretsKey,
    secretsKeyPrevious: config.secretsKeyPrevious,
  });
  const { deps } = resources;
  const { prisma, pool, publisher } = deps;
  // The queue workers block on reads that must survive a Redis restart: their own connection, which never gives up
  // (the publisher's, resources.redis, fails fast instead).
  const consumerConnection = createRedis({ url: config.redisUrl, clusterNodes: config.redisClusterNodes });
  const egress = createEgressClient(config.egress ?? defaultEgressPolicy);
  const registry = createBuiltinRegistry({
    prisma,
    smtpUrl: config.smtpUrl,
    emailFrom: config.emailFrom,
    egress,
    ai: config.ai,
  });
  const customTypes = addCustomHandlers(registry, config.handlers ?? {}, {
    client: egress,
    tenantHosts: async (tenantId) => (await loadTenantTaskSettings(prisma, tenantId)).egressAllowedHosts,
  });
  config.extendRegistry?.(registry, deps);
  deps.taskTypes = registry.types();
  const metrics = config.metrics ? new WorkerMetrics({ pool, publisher }) : undefined;
  const metricsServer =
    config.metrics && metrics
      ? startMetricsServer(metrics, { ...config.metrics, logger: config.logger })
      : Promise.resolve(undefined);
  const ready = Promise.all([registerTaskTypes(prisma, customTypes, worker.id), metricsServer]).then(([, server]) => ({
    metricsUrl: server?.url ?? null,
  }));
  ready.catch((error: unknown) => config.logger.error({ err: error }, 'worker could not get ready'));

  const leaseMs = config.leaseMs ?? 30_000;
  const fairShare = (kind: 'task' | 'orchestrator'): FairShare | undefined =>
    config.tenantCaps === false
      ? undefined
      : {
          slots: new TenantSlots(resources.redis, config.queuePrefix),
          caps: new TenantCaps(prisma, { ...DEFAULT_TENANT_CAPS, ...config.tenantCaps }),
          logger: config.logger,
          queue: publisher.queue(kind === 'task' ? TASK_RUNNER_QUEUE : ORCHESTRATOR_QUEUE),
          leaseMs: kind === 'task' ? leaseMs : 15_000,
          // The backstop only (a release wakes the next parked job at once): a parked job returns after 1–2× this.
          parkMs: config.parkMs?.[kind] ?? (kind === 'task' ? 5_000 : 1_000),
          borrowWhenAlone: kind === 'orchestrator',
        };
  const guards = { ...DEFAULT_GUARD_LIMITS, ...config.guards };
  const batchSize = config.batchSize ?? DEFAULT_BATCH_SIZE;

  const shutdown = new AbortController();
  // A batch run can last minutes: a stopping worker ends it between two instances, and the next worker goes on.
  const batchStop = new AbortController();
  const workers: Worker[] = [
    startOrchestrator(deps, {
      connection: consumerConnection,
      prefix: config.queuePrefix,
      concurrency: config.orchestratorConcurrency ?? 8,
      fairShare: fairShare('orchestrator'),
      guards,
      maxEventFailures: config.maxEventFailures,
      metrics,
      batchSize,
    }),
    startTaskRunner(deps, {
      connection: consumerConnection,
      prefix: config.queuePrefix,
      concurrency: config.taskConcurrency ?? 8,
      fairShare: fairShare('task'),
      registry,
      worker,
      backoff: config.backoff ?? defaultBackoff,
      leaseMs,
      shutdownSignal: shutdown.signal,
      metrics,
      guards,
      batchSize,
    }),
    startBatchRunner(deps, {
      connection: consumerConnection,
      prefix: config.queuePrefix,
      shutdownSignal: batchStop.signal,
    }),
  ];
  for (const w of workers)
    w.on('error', (error) => config.logger.error({ err: error, queue: w.name }, 'queue worker error'));
  const sweeper = startSweeper(deps, {
    intervalMs: config.sweepIntervalMs ?? 2_000,
    graceMs: config.sweepGraceMs ?? 5_000,
    republishAfterMs: config.republishAfterMs ?? 15_000,
    worker,
  });
  const sendEmail = registry.get('EMAIL');
  if (!sendEmail) throw new Error('the EMAIL handler is missing from the registry; alert emails need it');
  const deliveries = startOutboundDeliveries(deps, {
    ...defaultOutboundDeliveryOptions,
    ...config.outbound,
    egress,
    sendEmail,
  });
  const alertIntervalMs = config.alertIntervalMs ?? 15_000;
  const alerts = startAlertEvaluator(deps, {
    intervalMs: alertIntervalMs,
    claim: new IntervalClaim(resources.redis, config.queuePrefix, 'alert-rules', alertIntervalMs, worker.id),
  });
  const retentionIntervalMs = config.retention?.intervalMs ?? defaultRetentionSchedule.intervalMs;
  const retention = startRetention(deps, {
    ...defaultRetentionSchedule,
    policy: { ...DEFAULT_RETENTION, ...config.retention?.policy },
    intervalMs: retentionIntervalMs,
    claim: new IntervalClaim(resources.redis, config.queuePrefix, 'retention', retentionIntervalMs, worker.id),
  });

  const closeAll = async () => {
    batchStop.abort();
    await (await metricsServer.catch(() => undefined))?.close();
    await sweeper.stop();
    await alerts.stop();
    await retention.stop();
    await deliveries.stop();
    await Promise.all(workers.map((w) => w.close()));
    shutdown.abort();
    await egress.close();
    await consumerConnection.quit().catch(() => undefined);
    await resources.close();
  };
  // A second stop (a signal during shutdown, a test's cleanup after its own stop) waits for the first one.
  let stopping: Promise<void> | undefined;
  return {
    deps,
    worker,
    ready,
    stop() {
      stopping ??= closeAll();
      return stopping;
    },
  };
}
