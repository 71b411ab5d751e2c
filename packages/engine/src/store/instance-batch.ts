import { inSpan } from '../observability/tracing';
import { applyEventJobSchema } from '../contracts/jobs';
import { systemActor } from '../contracts/actor';
import { EngineError } from '../errors';
import { applyEvent, type ApplyEventDeps, type EventWrites, type PendingEvent } from './apply-event';
import type { OutboxMessage } from './outbox';
import type { GuardAdvance } from './runaway-guards';
import {
  lockInstanceWithPending,
  writeInstance,
  type LockedInstance,
  type NewTaskRow,
} from './sql/instance-statements';
import { insertStartedInstance, type StartedInstanceRow } from './sql/start-statements';
import type { SqlClient } from './sql/transaction';
import { timelineRows, type TimelineRow } from './timeline';

/** How many pending events of one instance one transaction applies at most. */
export const DEFAULT_BATCH_SIZE = 64;

interface Moved {
  stateValue: string;
  context: unknown;
  snapshot: unknown;
  completedAt: Date | null;
  versions: number;
  stateChanged: boolean;
  transitions: number;
  tasks: number;
  minuteStartedAt: Date;
  minuteTransitions: number;
}

/** What a start knows of the instance it creates besides its state: written with the batch's first flush. */
export type NewInstance = Pick<
  StartedInstanceRow,
  'definitionKey' | 'definitionVersion' | 'businessKey' | 'createdBy' | 'input' | 'context'
>;

/** The instance a start was creating: its business key was taken meanwhile, so nothing was written. */
export class BusinessKeyTaken extends Error {
  constructor(instanceId: string) {
    super(`instance ${instanceId} was not inserted: its business key is taken`);
  }
}

/**
 * Several events applied to one locked instance, written together: one snapshot write, one multi-row insert of
 * timeline entries, tasks and outbox rows, one update marking the consumed messages. The instance is kept current
 * in memory, so each event sees the ones before it exactly as if they had been committed one by one.
 */
export class InstanceBatch {
  private rows: TimelineRow[] = [];
  private tasks: NewTaskRow[] = [];
  private unwritten: OutboxMessage[] = [];
  private consumed: string[] = [];
  private move: Moved | undefined;
  /** Every outbox message this batch wrote, to publish after the commit. */
  readonly outbox: OutboxMessage[] = [];
  /** The last write saw events of the instance pending beyond this batch's (committed while it was applied). */
  morePending = false;

  constructor(
    readonly client: SqlClient,
    readonly instance: LockedInstance,
    private readonly now: Date,
    /** Set by a start: the instance is not in the table yet, and the first flush inserts it as it is by then. */
    private creating?: NewInstance,
  ) {}

  /** Writes the instance now if a start has not yet (a statement that follows needs its row). */
  async ensureStored(): Promise<void> {
    if (this.creating) await this.flush();
  }

  /** Marks the message consumed by the next write. */
  consume(outboxId: string | null): void {
    if (outboxId) this.consumed.push(outboxId);
  }

  /** Adds entries numbered after the instance's lastSeq; an entry without a stateValue gets `stateValue`. */
  append(writes: EventWrites, stateValue: string): void {
    const { rows, lastSeq } = timelineRows({ lastSeq: this.instance.lastSeq, stateValue }, writes.entries);
    this.rows.push(...rows);
    this.instance.lastSeq = lastSeq;
    this.tasks.push(...writes.tasks);
    this.unwritten.push(...writes.outbox);
    this.outbox.push(...writes.outbox);
  }

  /** Records that an event moved the instance (already advanced in memory) from `from`. */
  moved(step: { from: string; context: unknown; completed: boolean; advance: GuardAdvance }): void {
    const before = this.move;
    this.move = {
      stateValue: this.instance.stateValue,
      context: step.context,
      snapshot: this.instance.snapshot,
      completedAt: step.completed ? this.now : (before?.completedAt ?? null),
      versions: (before?.versions ?? 0) + 1,
      stateChanged: (before?.stateChanged ?? false) || step.from !== this.instance.stateValue,
      transitions: (before?.transitions ?? 0) + step.advance.transitions,
      tasks: (before?.tasks ?? 0) + step.advance.tasks,
      minuteStartedAt: step.advance.minuteStartedAt,
      minuteTransitions: step.advance.minuteTransitions,
    };
  }

  /** Writes what was gathered so far in one statement (also before a statement that must see it, like parking). */
  async flush(): Promise<void> {
    const { instance, move } = this;
    if (this.creating) return this.insert(this.creating);
    if (this.rows.length === 0 && this.consumed.length === 0 && !move) return;
    ({ morePending: this.morePending } = await writeInstance(this.client, {
      tenantId: instance.tenantId,
      instanceId: instance.id,
      now: this.now,
      lastSeq: instance.lastSeq,
      timeline: this.rows,
      outbox: this.unwritten,
      tasks: this.tasks,
      consumed: this.consumed,
      // We hold the lock, so the status in memory is the row's; a cancelled instance takes no events to change it.
      status: instance.status === 'cancelled' ? undefined : instance.status,
      ...(move
        ? {
            moved: {
              stateValue: move.stateValue,
              context: move.context,
              snapshot: move.snapshot,
              completedAt: move.completedAt,
              versions: move.versions,
              stateChanged: move.stateChanged,
            },
            guards: {
              transitions: move.transitions,
              tasks: move.tasks,
              minuteStartedAt: move.minuteStartedAt,
              minuteTransitions: move.minuteTransitions,
            },
          }
        : {}),
    }));
    this.reset();
  }

  /** A start's first write: the instance row as the batch left it, with everything gathered, in one statement. */
  private async insert(creating: NewInstance): Promise<void> {
    const { instance, move } = this;
    const inserted = await insertStartedInstance(this.client, {
      tenantId: instance.tenantId,
      instanceId: instance.id,
      now: this.now,
      lastSeq: instance.lastSeq,
      timeline: this.rows,
      outbox: this.unwritten,
      tasks: this.tasks,
      row: {
        ...creating,
        id: instance.id,
        tenantId: instance.tenantId,
        definitionId: instance.definitionId,
        status: instance.status === 'cancelled' ? 'running' : instance.status,
        stateValue: instance.stateValue,
        context: move ? move.context : creating.context,
        snapshot: instance.snapshot,
        version: move?.versions ?? 0,
        completedAt: move?.completedAt ?? null,
        transitionCount: move?.transitions ?? 0,
        taskCount: move?.tasks ?? 0,
        minuteStartedAt: move?.minuteStartedAt ?? null,
        minuteTransitions: move?.minuteTransitions ?? 0,
      },
    });
    if (!inserted) throw new BusinessKeyTaken(instance.id);
    this.creating = undefined;
    this.reset();
  }

  private reset(): void {
    this.rows = [];
    this.tasks = [];
    this.unwritten = [];
    this.consumed = [];
    this.move = undefined;
  }
}

/** A pending message as an event; a payload that is not an event is rejected in the timeline, never retried. */
function asEvent(batch: InstanceBatch, message: { id: string; payload: unknown }): PendingEvent | undefined {
  const parsed = applyEventJobSchema.safeParse(message.payload);
  if (parsed.success) return { outboxId: message.id, job: parsed.data };
  batch.consume(message.id);
  batch.append(
    {
      entries: [
        {
          type: 'event.rejected',
          actor: systemActor,
          payload: { error: `malformed message: ${parsed.error.message}`, messageId: message.id },
        },
      ],
      tasks: [],
      outbox: [],
    },
    batch.instance.stateValue,
  );
  return undefined;
}

/**
 * Locks an instance and applies up to `limit` of its pending events in commit order, in the caller's transaction.
 * `seen` collects the events read (the caller names the one that failed when a batch of one throws). Returns how
 * many messages were pending (`limit` means there may be more), whether more were committed while they were
 * applied, and the outbox rows to publish after the commit.
 */
export async function applyPendingEvents(
  deps: ApplyEventDeps,
  client: SqlClient,
  scope: { tenantId: string; instanceId: string },
  options: { limit: number; seen?: PendingEvent[] },
): Promise<{ found: number; applied: number; morePending: boolean; outbox: OutboxMessage[] }> {
  const locked = await lockInstanceWithPending(client, { ...scope, limit: options.limit });
  if (!locked)
    throw new EngineError('NOT_FOUND', `instance ${scope.instanceId} was not found in tenant ${scope.tenantId}`);
  // The one place that decides whether the instance takes its pending events now: a rule that holds them back
  // (a paused instance, say) returns here before applying anything, and they stay pending, in order.
  const batch = new InstanceBatch(client, locked.instance, deps.now);
  let applied = 0;
  for (const message of locked.pending) {
    const event = asEvent(batch, message);
    if (!event) continue;
    options.seen?.push(event);
    // A span per event, continuing the trace its sender started: its timeline entries and outbox rows carry it.
    const attributes = { 'switchyard.instance_id': scope.instanceId, 'switchyard.event': event.job.event.type };
    await inSpan('switchyard.apply_event', { kind: 'consumer', traceparent: event.job.traceparent, attributes }, () =>
      applyEvent(deps, batch, event),
    );
    applied++;
  }
  await batch.flush();
  return { found: locked.pending.length, applied, morePending: batch.morePending, outbox: batch.outbox };
}

export type { LockedInstance };
