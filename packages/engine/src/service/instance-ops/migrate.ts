import { randomUUID } from 'node:crypto';
import type { TenantContext } from '../../contracts/actor';
import { move } from '../../core';
import { EngineError } from '../../errors';
import { TASK_RUNNER_QUEUE } from '../../contracts/jobs';
import type { EngineDeps } from '../../deps/engine-deps';
import { diffJson } from '../../search/json-diff';
import { setIn } from '../../spec';
import type { JsonObject, JsonValue } from '../../spec/types';
import { runTaskMessage, type OutboxMessage } from '../../store/outbox';
import { writeInstance, type NewTaskRow } from '../../store/sql/instance-statements';
import { instanceTasks, writeTaskStep } from '../../store/sql/task-statements';
import { inTransaction, sqlTimestamp, type SqlClient } from '../../store/sql/transaction';
import { numbered, type TimelineEntry } from '../../store/timeline';
import { parseInput } from '../parse-input';
import { migrateInput, type MigrateInput, type MigrationTaskMode } from '../../contracts/instance-moves';
import { checkEditedContext } from './context-check';
import { batchTag, lockForAction } from './locked-write';
import { checkStateMap, mappedState, targetVersion } from './migrate-plan';

export interface MigrationResult {
  instanceId: string;
  fromVersion: number;
  toVersion: number;
  from: string;
  to: string;
  tasks: MigrationTaskMode;
  cancelledTasks: string[];
  recreatedTasks: string[];
  contextChanges: { path: string; before?: unknown; after?: unknown }[];
  warnings: string[];
}

const REPIN = `UPDATE "WorkflowInstance" SET "definitionId" = $3::uuid, "definitionVersion" = $4 WHERE id = $1::uuid AND "tenantId" = $2`;
const TASK_COPIES = `SELECT id, type, name, input, "maxAttempts", "completionEvent", "failureEvent" FROM "Task" WHERE id = ANY($1::uuid[]) ORDER BY "createdAt", id`;

async function copiesOf(client: SqlClient, ids: string[], now: Date): Promise<NewTaskRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await client.query<{
    type: string;
    name: string;
    input: unknown;
    maxAttempts: number;
    completionEvent: string | null;
    failureEvent: string | null;
  }>({ name: 'sy_task_copies', text: TASK_COPIES, values: [ids] });
  // A copy runs now with a fresh set of attempts; its idempotency key stays with the cancelled original.
  return rows.map((t) => ({
    id: randomUUID(),
    type: t.type,
    name: t.name,
    input: t.input,
    maxAttempts: t.maxAttempts,
    runAt: null,
    nextRunAt: sqlTimestamp(now),
    idempotencyKey: null,
    completionEvent: t.completionEvent,
    failureEvent: t.failureEvent,
  }));
}

/**
 * Migrates one instance to another version of its definition in one transaction: its state is mapped (same name, or
 * the operator's mapping; a removed state that is not mapped is refused), `contextSet` is applied, and tasks in flight
 * are kept (default: nothing is lost), cancelled, or cancelled and re-created. Recorded as `instance.migrated`.
 */
export async function migrateInstance(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: MigrateInput,
  options: { dryRun?: boolean } = {},
): Promise<MigrationResult> {
  const input = parseInput(migrateInput, raw);
  const now = deps.clock();
  const run = async (client: SqlClient) => {
    const instance = await lockForAction(client, ctx, input.instanceId);
    if (instance.status === 'completed' || instance.status === 'cancelled')
      throw new EngineError('CONFLICT', `instance ${instance.id} is ${instance.status}; only a live instance migrates`);
    if (instance.guardTripped)
      throw new EngineError('CONFLICT', `instance ${instance.id} was stopped by a runaway guard; resume it first`);
    const current = await deps.prisma.workflowDefinition.findUniqueOrThrow({
      where: { id: instance.definitionId },
      select: { key: true, version: true },
    });
    if (current.version === input.toVersion)
      throw new EngineError('CONFLICT', `instance ${instance.id} is already on ${current.key} v${input.toVersion}`);
    const target = await targetVersion(deps, ctx, current.key, input.toVersion);
    checkStateMap(target, input.stateMap);
    const to = mappedState(target.spec, input.stateMap, instance.stateValue);
    if (to === undefined)
      throw new EngineError(
        'BAD_INPUT',
        `stateMap: instance ${instance.id} sits in "${instance.stateValue}", which ${target.key} v${target.version} removed; map it to one of: ${Object.keys(target.spec.states).join(', ')}`,
        [{ path: `stateMap.${instance.stateValue}`, message: 'a removed state must be mapped' }],
      );
    const before = (instance.snapshot['context'] ?? {}) as JsonObject;
    let context = before;
    for (const [path, value] of Object.entries(input.contextSet)) context = setIn(context, path, value as JsonValue);
    const edited = checkEditedContext(target.spec, before, context, deps.limits, 'contextSet');
    const result = move(await deps.definitions.get(deps.prisma, target.id), { to, context: edited.context });
    const pending =
      input.tasks === 'keep'
        ? []
        : await instanceTasks(client, instance.id, { statuses: ['queued', 'running'] as const });
    const changes = diffJson(before, result.context).map((c) => ({ path: c.path, before: c.a, after: c.b }));
    const plan: MigrationResult = {
      instanceId: instance.id,
      fromVersion: current.version,
      toVersion: target.version,
      from: instance.stateValue,
      to,
      tasks: input.tasks,
      cancelledTasks: pending.map((t) => t.id),
      recreatedTasks: [],
      contextChanges: changes,
      warnings: edited.warnings,
    };
    if (options.dryRun) return { plan, removed: [] as string[], outbox: [] as OutboxMessage[] };

    let lastSeq = instance.lastSeq;
    const removed: string[] = [];
    const why = `migrated to v${target.version}: ${input.reason}`;
    for (const task of pending) {
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
    const copies = input.tasks === 'recreate' ? await copiesOf(client, plan.cancelledTasks, now) : [];
    plan.recreatedTasks = copies.map((t) => t.id);
    const tag = batchTag(input.batchId);
    const entries: TimelineEntry[] = [
      {
        type: 'instance.migrated',
        actor: ctx.actor,
        stateValue: to,
        payload: { reason: input.reason, ...plan, context: result.context, ...tag },
      },
    ];
    if (changes.length > 0)
      entries.push({
        type: 'context.changed',
        actor: ctx.actor,
        stateValue: to,
        payload: {
          changes: changes.map((c) => ({ path: c.path, before: c.before ?? null, after: c.after ?? null })),
          context: result.context,
        },
      });
    for (const copy of copies)
      entries.push({
        type: 'task.created',
        actor: ctx.actor,
        taskId: copy.id,
        stateValue: to,
        payload: { taskId: copy.id, type: copy.type, name: copy.name, input: copy.input, recreated: true, ...tag },
      });
    const outbox = instance.paused
      ? []
      : copies.map((t) => runTaskMessage({ tenantId: ctx.tenantId, taskId: t.id }, now));
    const numberedEntries = numbered({ lastSeq, stateValue: to }, entries);
    await client.query({
      name: 'sy_repin_definition',
      text: REPIN,
      values: [instance.id, ctx.tenantId, target.id, target.version],
    });
    await writeInstance(client, {
      tenantId: ctx.tenantId,
      instanceId: instance.id,
      now,
      ...numberedEntries,
      outbox,
      tasks: copies,
      moved: {
        stateValue: to,
        context: result.context,
        snapshot: result.snapshot,
        completedAt: null,
        versions: 1,
        stateChanged: to !== instance.stateValue,
      },
    });
    return { plan, removed, outbox };
  };
  const { plan, removed, outbox } = await inTransaction(deps.pool, run);
  await Promise.all(removed.map((id) => deps.publisher.remove(TASK_RUNNER_QUEUE, id)));
  await deps.publisher.publishOrDefer(outbox, now);
  return plan;
}
