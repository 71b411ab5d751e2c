import { z } from 'zod';
import type { TenantContext } from '../contracts/actor';
import {
  listInstancesInput,
  listTasksInput,
  timelineInput,
  type ListInstancesInput,
  type ListTasksInput,
  type TimelineInput,
} from '../contracts/queries';
import { instanceIdSchema } from '../contracts/ids';
import type { InstanceStatus, TaskStatus } from '../contracts/statuses';
import { EngineError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { JsonValue } from '../json';
import type { EngineDeps } from '../deps/engine-deps';
import { acceptedEvents, type WorkflowSpec } from '../spec';
import { parseInput } from './parse-input';
import { resolveStartInput } from '../store/start-input';

export interface TaskView {
  id: string;
  instanceId: string;
  type: string;
  name: string;
  status: TaskStatus;
  attempts: number;
  maxAttempts: number;
  input: JsonValue;
  output: JsonValue | null;
  runAt: Date | null;
  nextRunAt: Date;
  lastError: string | null;
  idempotencyKey: string | null;
  completionEvent: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface InstanceSummary {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  status: InstanceStatus;
  stateValue: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  /** Set while an operator has paused it: events are held and no task starts until it is resumed. */
  pausedAt: Date | null;
}

export interface InstanceDetail extends InstanceSummary {
  context: Record<string, JsonValue>;
  input: JsonValue | null;
  createdBy: string;
  cancelledAt: Date | null;
  lastSeq: number;
  spec: WorkflowSpec;
  acceptedEvents: string[];
  tasks: TaskView[];
  /** The runaway guard that stopped this instance (null unless failed by one); an operator can raise it and resume. */
  guardTripped: string | null;
}

const summarySelect = {
  id: true,
  definitionKey: true,
  definitionVersion: true,
  businessKey: true,
  status: true,
  stateValue: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  completedAt: true,
  pausedAt: true,
} as const;

function toTaskView(row: Prisma.TaskGetPayload<object>): TaskView {
  return {
    id: row.id,
    instanceId: row.instanceId,
    type: row.type,
    name: row.name,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    input: row.input as JsonValue,
    output: (row.output ?? null) as JsonValue | null,
    runAt: row.runAt,
    nextRunAt: row.nextRunAt,
    lastError: row.lastError,
    idempotencyKey: row.idempotencyKey,
    completionEvent: row.completionEvent,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** One instance with its spec, context, tasks and the events its current state accepts. */
export async function getInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  input: { instanceId: string },
): Promise<InstanceDetail> {
  const { instanceId } = parseInput(z.object({ instanceId: instanceIdSchema }), input);
  const row = await deps.prisma.workflowInstance.findFirst({
    where: { id: instanceId, tenantId: ctx.tenantId },
    include: { definition: { select: { spec: true } }, tasks: { orderBy: { createdAt: 'asc' } } },
  });
  if (!row) throw new EngineError('NOT_FOUND', `instance ${instanceId} was not found`);
  const spec = row.definition.spec as unknown as WorkflowSpec;
  const terminal = row.status === 'completed' || row.status === 'cancelled';
  return {
    id: row.id,
    definitionKey: row.definitionKey,
    definitionVersion: row.definitionVersion,
    businessKey: row.businessKey,
    status: row.status,
    stateValue: row.stateValue,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    pausedAt: row.pausedAt,
    cancelledAt: row.cancelledAt,
    context: row.context as Record<string, JsonValue>,
    input: (row.input ?? null) as JsonValue | null,
    createdBy: row.createdBy,
    lastSeq: row.lastSeq,
    spec,
    acceptedEvents: terminal ? [] : acceptedEvents(spec, row.stateValue),
    tasks: row.tasks.map(toTaskView),
    guardTripped: row.guardTripped,
  };
}

// Keyset pagination over (createdAt desc, id desc): stable and index-backed at any depth, unlike OFFSET.
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()))
    throw new EngineError('BAD_INPUT', 'cursor: expected a cursor returned by a previous page');
  return { createdAt, id };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page of instances, newest first, with filters; `nextCursor` is null on the last page. */
export async function listInstances(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: ListInstancesInput,
): Promise<{ items: InstanceSummary[]; nextCursor: string | null }> {
  const input = parseInput(listInstancesInput, raw);
  const where: Prisma.WorkflowInstanceWhereInput = { tenantId: ctx.tenantId };
  if (input.definitionKey) where.definitionKey = input.definitionKey;
  if (input.definitionVersion) where.definitionVersion = input.definitionVersion;
  if (input.status) where.status = input.status;
  if (input.stateValue) where.stateValue = input.stateValue;
  if (input.createdFrom || input.createdTo)
    where.createdAt = {
      ...(input.createdFrom ? { gte: input.createdFrom } : {}),
      ...(input.createdTo ? { lte: input.createdTo } : {}),
    };
  if (input.search) {
    where.OR = uuidPattern.test(input.search)
      ? [{ id: input.search }]
      : [{ businessKey: { startsWith: input.search } }];
  }
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    where.AND = [
      { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] },
    ];
  }
  const rows = await deps.prisma.workflowInstance.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    select: summarySelect,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

export interface TimelineItem {
  seq: number;
  type: string;
  actorType: string;
  actorId: string;
  stateValue: string | null;
  taskId: string | null;
  payload: JsonValue;
  /** The OpenTelemetry trace the entry was written in (tracing on), else null. */
  traceId: string | null;
  createdAt: Date;
}

/** An instance's timeline in sequence order, optionally only some kinds or only entries after a sequence number. */
export async function getTimeline(deps: EngineDeps, ctx: TenantContext, raw: TimelineInput): Promise<TimelineItem[]> {
  const input = parseInput(timelineInput, raw);
  const exists = await deps.prisma.workflowInstance.count({ where: { id: input.instanceId, tenantId: ctx.tenantId } });
  if (!exists) throw new EngineError('NOT_FOUND', `instance ${input.instanceId} was not found`);
  const rows = await deps.prisma.workflowEvent.findMany({
    where: {
      instanceId: input.instanceId,
      tenantId: ctx.tenantId,
      ...(input.types?.length ? { type: { in: input.types } } : {}),
      ...(input.afterSeq !== undefined ? { seq: { gt: input.afterSeq } } : {}),
    },
    orderBy: { seq: 'asc' },
    take: input.limit,
  });
  const items = rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    actorType: r.actorType,
    actorId: r.actorId,
    stateValue: r.stateValue,
    taskId: r.taskId,
    payload: r.payload as JsonValue,
    traceId: r.traceId,
    createdAt: r.createdAt,
  }));
  return resolveStartInput(items, async () => {
    const instance = await deps.prisma.workflowInstance.findFirst({
      where: { id: input.instanceId, tenantId: ctx.tenantId },
      select: { input: true },
    });
    return (instance?.input ?? {}) as JsonValue;
  });
}

/** Tasks in the tenant, most urgent (earliest next run) first. */
export async function listTasks(deps: EngineDeps, ctx: TenantContext, raw: ListTasksInput): Promise<TaskView[]> {
  const input = parseInput(listTasksInput, raw);
  const rows = await deps.prisma.task.findMany({
    where: {
      tenantId: ctx.tenantId,
      ...(input.instanceId ? { instanceId: input.instanceId } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.type ? { type: input.type } : {}),
    },
    orderBy: [{ nextRunAt: 'asc' }, { id: 'asc' }],
    take: input.limit,
  });
  return rows.map(toTaskView);
}
