import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { TenantContext } from '../actor';
import { formatActor } from '../actor';
import { start } from '../core';
import { EngineError } from '../errors';
import { toPrismaJson } from '../json';
import type { EngineDeps } from '../runtime/engine-deps';
import { applyEventMessage, insertOutbox } from '../store/outbox';
import { appendTimeline } from '../store/timeline';
import { parseInput } from './parse-input';

export const START_EVENT = 'WORKFLOW_START';

const jsonObject = z.record(z.string(), z.unknown());
const eventName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.:-]*$/, 'expected an event name: letters, digits, _ . : - (e.g. "HELLO_SENT")');

const startInput = z.object({
  definitionKey: z.string().min(1, 'expected a definition key'),
  version: z.number().int().positive().optional(),
  input: jsonObject.optional(),
  businessKey: z.string().min(1).max(200).optional(),
});

/**
 * Creates an instance in its initial state and queues WORKFLOW_START, both in one transaction.
 * With a businessKey already used for this definition, returns the existing instance instead (idempotent start).
 */
export async function startInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: { definitionKey: string; version?: number; input?: Record<string, unknown>; businessKey?: string },
): Promise<{ instanceId: string; created: boolean; definitionVersion: number }> {
  const input = parseInput(startInput, raw);
  if (input.businessKey) {
    const existing = await deps.prisma.workflowInstance.findFirst({ where: { tenantId: ctx.tenantId, definitionKey: input.definitionKey, businessKey: input.businessKey }, select: { id: true, definitionVersion: true } });
    if (existing) return { instanceId: existing.id, created: false, definitionVersion: existing.definitionVersion };
  }
  const definition = await deps.prisma.workflowDefinition.findFirst({
    where: { tenantId: ctx.tenantId, key: input.definitionKey, ...(input.version ? { version: input.version } : {}) },
    orderBy: { version: 'desc' },
  });
  if (!definition) throw new EngineError('NOT_FOUND', `definition "${input.definitionKey}"${input.version ? ` v${input.version}` : ''} was not found in tenant ${ctx.tenantId}`);
  const compiled = await deps.definitions.get(deps.prisma, definition.id);
  const initial = start(compiled, { context: (input.input ?? {}) as never });
  const now = deps.clock();
  const instanceId = randomUUID();
  const message = applyEventMessage({ tenantId: ctx.tenantId, instanceId, event: { type: START_EVENT, payload: input.input ?? {} }, actor: ctx.actor }, now);
  await deps.prisma.$transaction(async (tx) => {
    await tx.workflowInstance.create({
      data: {
        id: instanceId,
        tenantId: ctx.tenantId,
        definitionId: definition.id,
        definitionKey: definition.key,
        definitionVersion: definition.version,
        businessKey: input.businessKey ?? null,
        stateValue: initial.value,
        context: toPrismaJson(initial.context),
        snapshot: toPrismaJson(initial.snapshot),
        input: toPrismaJson(input.input ?? {}),
        createdBy: formatActor(ctx.actor),
        createdAt: now,
      },
    });
    const lastSeq = await appendTimeline(tx, { tenantId: ctx.tenantId, instanceId, lastSeq: 0, stateValue: initial.value }, [
      { type: 'instance.started', actor: ctx.actor, payload: { definitionKey: definition.key, definitionVersion: definition.version, input: input.input ?? {}, context: initial.context, businessKey: input.businessKey ?? null } },
    ], now);
    await tx.workflowInstance.update({ where: { id: instanceId }, data: { lastSeq } });
    await insertOutbox(tx, [message]);
  });
  await deps.publisher.publishOrDefer([message], now);
  return { instanceId, created: true, definitionVersion: definition.version };
}

const sendInput = z.object({
  instanceId: z.string().uuid('expected an instance id (a UUID)'),
  type: eventName,
  payload: z.unknown().optional(),
  reason: z.string().max(2_000).optional(),
});

/** Queues an event for an instance (durably, then published). Completed and cancelled instances refuse it. */
export async function sendEvent(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: { instanceId: string; type: string; payload?: unknown; reason?: string },
): Promise<{ messageId: string }> {
  const input = parseInput(sendInput, raw);
  const now = deps.clock();
  const message = applyEventMessage({ tenantId: ctx.tenantId, instanceId: input.instanceId, event: { type: input.type, payload: input.payload ?? null }, actor: ctx.actor, ...(input.reason ? { reason: input.reason } : {}) }, now);
  // One statement: the row is written only while the instance exists in this tenant and still takes events.
  // (An interactive transaction here would hold a pooled connection per caller, and a burst would exhaust them.)
  const inserted = await deps.prisma.$executeRaw`
    INSERT INTO "Outbox" (id, "tenantId", queue, "jobName", payload, "availableAt", "createdAt")
    SELECT ${message.id}::uuid, ${message.tenantId}, ${message.queue}, ${message.jobName}, ${JSON.stringify(message.payload)}::jsonb, ${now}, ${now}
    WHERE EXISTS (SELECT 1 FROM "WorkflowInstance" WHERE id = ${input.instanceId}::uuid AND "tenantId" = ${ctx.tenantId} AND status NOT IN ('completed', 'cancelled'))`;
  if (inserted === 0) {
    const instance = await deps.prisma.workflowInstance.findFirst({ where: { id: input.instanceId, tenantId: ctx.tenantId }, select: { status: true } });
    if (!instance) throw new EngineError('NOT_FOUND', `instance ${input.instanceId} was not found`);
    throw new EngineError('CONFLICT', `instance ${input.instanceId} is ${instance.status}; it accepts no more events`);
  }
  await deps.publisher.publishOrDefer([message], now);
  return { messageId: message.id };
}
