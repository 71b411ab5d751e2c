import type { z } from 'zod';
import type { TenantContext } from '../../contracts/actor';
import { move, type CreateTaskEffect, type MoveTarget } from '../../core';
import { EngineError } from '../../errors';
import { TASK_RUNNER_QUEUE } from '../../contracts/jobs';
import type { EngineDeps } from '../../deps/engine-deps';
import { diffJson } from '../../search/json-diff';
import type { JsonObject, JsonValue } from '../../spec/types';
import { createTasks } from '../../store/apply-event';
import type { LockedInstance } from '../../store/sql/instance-statements';
import { writeInstance } from '../../store/sql/instance-statements';
import { instanceTasks, writeTaskStep } from '../../store/sql/task-statements';
import { inTransaction, type SqlClient } from '../../store/sql/transaction';
import { numbered, type TimelineEntry } from '../../store/timeline';
import { parseInput } from '../parse-input';
import { moveInput, type MoveInput } from '../../contracts/instance-moves';
import { checkEditedContext } from './context-check';
import { batchTag, lockForAction } from './locked-write';
import { rewindTarget } from './rewind';

export interface MovePreview {
  instanceId: string;
  from: string;
  to: string;
  via: { from: string; event: string } | null;
  /** The tasks the move cancels: every queued, delayed or running task of the instance. */
  cancelTasks: { id: string; name: string; status: string }[];
  /** The tasks the entering transition creates. */
  createTasks: { name: string; type: string; input: JsonValue }[];
  contextChanges: { path: string; before?: unknown; after?: unknown }[];
  context: JsonObject;
  warnings: string[];
  /** The target is a final state: the instance completes. */
  completes: boolean;
}

interface Planned {
  preview: MovePreview;
  result: ReturnType<typeof move>;
}

async function plan(
  deps: EngineDeps,
  client: SqlClient,
  ctx: TenantContext,
  instance: LockedInstance,
  input: z.output<typeof moveInput>,
): Promise<Planned> {
  if (instance.status === 'cancelled')
    throw new EngineError('CONFLICT', `instance ${instance.id} is cancelled; a cancelled instance cannot be moved`);
  if (instance.guardTripped)
    throw new EngineError(
      'CONFLICT',
      `instance ${instance.id} was stopped by the runaway guard ${instance.guardTripped}; raise its cap and resume it first`,
    );
  const compiled = await deps.definitions.get(deps.prisma, instance.definitionId);
  const spec = compiled.spec;
  const current = (instance.snapshot['context'] ?? {}) as JsonObject;
  const rewind = input.backTo !== undefined ? await rewindTarget(deps, ctx, instance.id, input.backTo) : null;
  const target: MoveTarget = rewind
    ? { to: rewind.to, via: rewind.via, context: rewind.context }
    : { to: input.state!, context: current, ...(input.via ? { via: input.via as MoveTarget['via'] } : {}) };
  const edited = checkEditedContext(spec, current, input.context ?? target.context, deps.limits);
  const result = move(compiled, { ...target, context: edited.context });
  const pending = await instanceTasks(client, instance.id, { statuses: ['queued', 'running'] as const });
  const effects = result.effects.filter((e): e is CreateTaskEffect => e.type === 'createTask');
  return {
    result,
    preview: {
      instanceId: instance.id,
      from: instance.stateValue,
      to: result.value,
      via: target.via ? { from: target.via.from, event: target.via.event } : null,
      cancelTasks: pending.map((t) => ({ id: t.id, name: t.name, status: t.status })),
      createTasks: effects.map((e) => ({ name: e.task.name, type: e.task.type, input: e.task.input })),
      contextChanges: diffJson(current, result.context).map((c) => ({ path: c.path, before: c.a, after: c.b })),
      context: result.context,
      warnings: edited.warnings,
      completes: result.status === 'done',
    },
  };
}

/** What a move would do, computed under the instance lock and written nowhere. */
export async function previewMove(deps: EngineDeps, ctx: TenantContext, raw: MoveInput): Promise<MovePreview> {
  const input = parseInput(moveInput, raw);
  return inTransaction(deps.pool, async (client) => {
    const instance = await lockForAction(client, ctx, input.instanceId);
    return (await plan(deps, client, ctx, instance, input)).preview;
  });
}

const REOPEN = `UPDATE "WorkflowInstance" SET "completedAt" = NULL WHERE id = $1::uuid AND "tenantId" = $2`;

/**
 * Moves an instance to a state in one transaction: every queued, delayed or running task is cancelled (exactly the
 * ones previewMove lists), the context becomes the edited one, the entering transition's actions run (its tasks are
 * created), and the timeline records an operator transition with who and why. A paused instance stays paused: its
 * new tasks wait for the resume.
 */
export async function moveInstance(deps: EngineDeps, ctx: TenantContext, raw: MoveInput): Promise<MovePreview> {
  const input = parseInput(moveInput, raw);
  const now = deps.clock();
  const { preview, removed, outbox } = await inTransaction(deps.pool, async (client) => {
    const instance = await lockForAction(client, ctx, input.instanceId);
    const { preview, result } = await plan(deps, client, ctx, instance, input);
    const why = `moved to ${preview.to}: ${input.reason}`;
    let lastSeq = instance.lastSeq;
    const removed: string[] = [];
    for (const task of preview.cancelTasks) {
      const step = numbered({ lastSeq, stateValue: instance.stateValue }, [
        {
          type: 'task.cancelled',
          actor: ctx.actor,
          taskId: task.id,
          payload: { taskId: task.id, name: task.name, reason: why, wasRunning: task.status === 'running' },
        },
      ]);
      removed.push(
        ...(await writeTaskStep(client, {
          task: { id: task.id, tenantId: ctx.tenantId, instanceId: instance.id },
          now,
          ...step,
          outbox: [],
          change: { kind: 'cancel' },
        })),
      );
      lastSeq = step.lastSeq;
    }
    const effects = result.effects.filter((e): e is CreateTaskEffect => e.type === 'createTask');
    const tasks = await createTasks(client, instance, effects, ctx, now);
    const tag = batchTag(input.batchId);
    const entries: TimelineEntry[] = [
      {
        type: 'instance.moved',
        actor: ctx.actor,
        stateValue: result.value,
        payload: {
          reason: input.reason,
          from: instance.stateValue,
          to: result.value,
          via: preview.via,
          backTo: input.backTo ?? null,
          cancelledTasks: preview.cancelTasks.map((t) => t.id),
          warnings: preview.warnings,
          context: result.context,
          ...tag,
        },
      },
      {
        type: 'transition',
        actor: ctx.actor,
        stateValue: result.value,
        payload: {
          event: preview.via?.event ?? 'OPERATOR_MOVE',
          from: instance.stateValue,
          to: result.value,
          operator: true,
          reason: input.reason,
          alternative: result.transition?.alternative ?? 0,
          ...tag,
        },
      },
    ];
    if (preview.contextChanges.length > 0)
      entries.push({
        type: 'context.changed',
        actor: ctx.actor,
        stateValue: result.value,
        payload: {
          changes: diffJson(instance.snapshot['context'] ?? {}, result.context).map((c) => ({
            path: c.path,
            before: c.a ?? null,
            after: c.b ?? null,
          })),
          context: result.context,
        },
      });
    for (const entry of tasks.entries) entries.push({ ...entry, stateValue: result.value });
    const completes = result.status === 'done';
    if (completes)
      entries.push({
        type: 'instance.completed',
        actor: ctx.actor,
        stateValue: result.value,
        payload: { state: result.value, context: result.context },
      });
    const { timeline, lastSeq: newLastSeq } = numbered({ lastSeq, stateValue: result.value }, entries);
    // A paused instance's new tasks wait, queued, for its resume (which publishes them).
    const outbox = instance.paused ? [] : tasks.outbox;
    await writeInstance(client, {
      tenantId: ctx.tenantId,
      instanceId: instance.id,
      now,
      lastSeq: newLastSeq,
      timeline,
      outbox,
      tasks: tasks.unkeyed,
      moved: {
        stateValue: result.value,
        context: result.context,
        snapshot: result.snapshot,
        completedAt: completes ? now : null,
        versions: 1,
        stateChanged: result.value !== instance.stateValue,
      },
      status: completes ? 'completed' : 'running',
    });
    if (!completes && instance.status === 'completed')
      await client.query({ name: 'sy_reopen_instance', text: REOPEN, values: [instance.id, ctx.tenantId] });
    return { preview, removed, outbox };
  });
  await Promise.all(removed.map((id) => deps.publisher.remove(TASK_RUNNER_QUEUE, id)));
  await deps.publisher.publishOrDefer(outbox, now);
  return preview;
}
