import { randomUUID } from 'node:crypto';
import { formatActor, type TenantContext } from '../contracts/actor';
import { START_EVENT } from '../contracts/events';
import {
  sendEventInput,
  startInstanceInput,
  type SendEventInput,
  type StartInstanceInput,
} from '../contracts/operator-actions';
import { start } from '../core';
import { EngineError, isEngineError } from '../errors';
import { assertJsonWithinLimits, defaultInputLimits } from '../limits';
import type { EngineDeps } from '../deps/engine-deps';
import type { ApplyEventJob } from '../contracts/jobs';
import { applyEvent } from '../store/apply-event';
import { isTransientInfrastructureError } from '../store/dead-letters';
import { BusinessKeyTaken, InstanceBatch, type NewInstance } from '../store/instance-batch';
import { applyEventMessage, type OutboxMessage } from '../store/outbox';
import type { LockedInstance } from '../store/sql/instance-statements';
import { findStartDefinition } from '../store/sql/start-statements';
import { queueEventsIfLive } from '../store/sql/outbox-statements';
import { inTransaction, type SqlClient } from '../store/sql/transaction';
import { START_INPUT_REF, startContextRef } from '../store/start-input';
import { findStarted, sameStartOrConflict } from './business-key';
import { parseInput } from './parse-input';

/**
 * Creates an instance in its initial state and applies WORKFLOW_START to it, both in one transaction.
 * With a businessKey already used for this definition key (any version), returns the existing instance with
 * `created: false` (idempotent start, race-free through a unique index); a different version or input is a CONFLICT.
 */
export async function startInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: StartInstanceInput,
): Promise<{ instanceId: string; created: boolean; definitionVersion: number; status?: string }> {
  const input = parseInput(startInstanceInput, raw);
  const limits = deps.limits ?? defaultInputLimits;
  assertJsonWithinLimits(limits, 'input', input.input ?? {}, 'startInputBytes');
  const businessKey = input.businessKey;
  const repeated = (existing: NonNullable<Awaited<ReturnType<typeof findStarted>>>) =>
    sameStartOrConflict(existing, {
      definitionKey: input.definitionKey,
      businessKey: businessKey ?? '',
      version: input.version,
      input: input.input,
    });
  if (businessKey) {
    const existing = await findStarted(deps, ctx, input.definitionKey, businessKey);
    if (existing) return repeated(existing);
  }
  const definition = await findStartDefinition(deps.pool, {
    tenantId: ctx.tenantId,
    key: input.definitionKey,
    ...(input.version ? { version: input.version } : {}),
  });
  if (!definition)
    throw new EngineError(
      'NOT_FOUND',
      `definition "${input.definitionKey}"${input.version ? ` v${input.version}` : ''} was not found in tenant ${ctx.tenantId}`,
    );
  const compiled = await deps.definitions.get(deps.prisma, definition.id);
  const initial = start(compiled, { context: input.input ?? {} });
  assertJsonWithinLimits(limits, 'context', initial.context, 'contextBytes');
  const now = deps.clock();
  const instanceId = randomUUID();
  const job: ApplyEventJob = {
    tenantId: ctx.tenantId,
    instanceId,
    event: { type: START_EVENT, payload: input.input ?? {} },
    actor: ctx.actor,
  };
  // The instance as it is before WORKFLOW_START, held in memory: the batch inserts it once, as the event left it.
  const fresh = (): LockedInstance => ({
    id: instanceId,
    tenantId: ctx.tenantId,
    definitionId: definition.id,
    status: 'running',
    stateValue: initial.value,
    snapshot: initial.snapshot,
    lastSeq: 0,
    transitionCount: 0,
    minuteStartedMs: null,
    minuteTransitions: 0,
    taskCount: 0,
    guardLimits: null,
    guardTripped: null,
    paused: false,
    pauseCursor: 0,
  });
  const creating: NewInstance = {
    definitionKey: definition.key,
    definitionVersion: definition.version,
    businessKey: businessKey ?? null,
    createdBy: formatActor(ctx.actor),
    input: input.input ?? {},
    context: initial.context,
  };
  const started = (applyStart: boolean) =>
    inTransaction(deps.pool, async (client) => {
      const batch = new InstanceBatch(client, fresh(), now, creating);
      batch.append(
        {
          entries: [
            {
              type: 'instance.started',
              actor: ctx.actor,
              payload: {
                definitionKey: definition.key,
                definitionVersion: definition.version,
                input: START_INPUT_REF,
                context: startContextRef(compiled.spec.context ?? {}, input.input ?? {}),
                businessKey: businessKey ?? null,
              },
            },
          ],
          tasks: [],
          outbox: applyStart ? [] : [applyEventMessage(job, now)],
        },
        initial.value,
      );
      // WORKFLOW_START is applied in the transaction that creates the instance: one commit instead of two and no
      // queue hop. It is still an event in the timeline (event.received, transition …) as if it had been queued.
      if (applyStart)
        await applyEvent({ ...deps, now }, batch, { outboxId: null, job, recordedPayload: START_INPUT_REF });
      await batch.flush();
      return batch.outbox;
    }).catch((error: unknown) => {
      // Another start took the business key first (it waited for that transaction): that instance answers.
      if (error instanceof BusinessKeyTaken) return undefined;
      throw error;
    });
  let outbox: OutboxMessage[] | undefined;
  try {
    outbox = await started(true);
  } catch (error) {
    // Applying WORKFLOW_START threw something no engine rule explains (data Postgres refuses, say): start the
    // instance with the event queued instead, so the orchestrator counts and dead-letters it where an operator sees it.
    if (isEngineError(error) || isTransientInfrastructureError(error)) throw error;
    deps.logger.warn({ err: error, instanceId }, 'WORKFLOW_START could not be applied at start; queued instead');
    outbox = await started(false);
  }
  if (!outbox) {
    const existing = businessKey ? await findStarted(deps, ctx, input.definitionKey, businessKey) : null;
    if (!existing)
      throw new EngineError(
        'INTERNAL',
        `instance ${instanceId} was not inserted and no instance holds its business key`,
      );
    return repeated(existing);
  }
  await deps.publisher.publishOrDefer(outbox, now);
  return { instanceId, created: true, definitionVersion: definition.version };
}

/** Queues an event for an instance (durably, then published). Completed and cancelled instances refuse it. */
export async function sendEvent(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: SendEventInput,
  options: {
    /**
     * A write of the caller's that must commit with the event or not at all (an inbound webhook's claim of its
     * message id). It runs in the same transaction after the event row; throwing rolls both back.
     */
    alsoWrite?: (client: SqlClient, messageId: string) => Promise<void>;
  } = {},
): Promise<{ messageId: string }> {
  const input = parseInput(sendEventInput, raw);
  if (input.payload !== undefined)
    assertJsonWithinLimits(deps.limits ?? defaultInputLimits, 'payload', input.payload, 'eventPayloadBytes');
  const now = deps.clock();
  const message = applyEventMessage(
    {
      tenantId: ctx.tenantId,
      instanceId: input.instanceId,
      event: { type: input.type, payload: input.payload ?? null },
      actor: ctx.actor,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.batchId ? { batchId: input.batchId } : {}),
    },
    now,
  );
  // One statement: the row is written only while the instance exists in this tenant and still takes events.
  const scope = { tenantId: ctx.tenantId, instanceId: input.instanceId, now };
  const { alsoWrite } = options;
  const inserted = alsoWrite
    ? await inTransaction(deps.pool, async (client) => {
        const queued = await queueEventsIfLive(client, scope, [message]);
        if (queued) await alsoWrite(client, message.id);
        return queued;
      })
    : await queueEventsIfLive(deps.pool, scope, [message]);
  if (!inserted) {
    const instance = await deps.prisma.workflowInstance.findFirst({
      where: { id: input.instanceId, tenantId: ctx.tenantId },
      select: { status: true },
    });
    if (!instance) throw new EngineError('NOT_FOUND', `instance ${input.instanceId} was not found`);
    throw new EngineError('CONFLICT', `instance ${input.instanceId} is ${instance.status}; it accepts no more events`);
  }
  await deps.publisher.publishOrDefer([message], now);
  return { messageId: message.id };
}
