// Which accepted events the instance header may offer as one-click buttons. Events the engine itself sends
// (start, task failure, AI decision outcomes), the completion and failure events of the spec's tasks, and the
// events of an AI decision awaiting approval are never offered: sending one by hand fakes a task's result or
// bypasses the decision's own Approve. They stay reachable through "Send event…" with a reason.
import {
  AI_DECISION_BLOCKED,
  AI_DECISION_REJECTED,
  AI_DECISION_TASK,
  DEFAULT_FAILURE_EVENT,
  START_EVENT,
  TASK_CANCELLED_EVENT,
} from '@switchyard/engine/contracts';
import type { WorkflowSpec } from '@switchyard/engine/spec';

const ENGINE_EVENTS = new Set([
  START_EVENT,
  DEFAULT_FAILURE_EVENT,
  TASK_CANCELLED_EVENT,
  AI_DECISION_BLOCKED,
  AI_DECISION_REJECTED,
]);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Every completionEvent / failureEvent named by a createTask action anywhere in the spec. */
function taskResultEvents(spec: WorkflowSpec): Set<string> {
  const events = new Set<string>();
  for (const state of Object.values(spec.states)) {
    for (const entry of Object.values(state.on ?? {})) {
      for (const transition of Array.isArray(entry) ? entry : [entry]) {
        for (const action of transition.actions ?? []) {
          if (action.type !== 'createTask') continue;
          const task = record(action.task);
          if (typeof task.completionEvent === 'string') events.add(task.completionEvent);
          if (typeof task.failureEvent === 'string') events.add(task.failureEvent);
        }
      }
    }
  }
  return events;
}

/** The allowlists of AI decisions of this instance still awaiting an operator's approval. */
function awaitedByDecisions(tasks: { type: string; status: string; output: unknown }[]): Set<string> {
  const events = new Set<string>();
  for (const task of tasks) {
    if (task.type !== AI_DECISION_TASK || task.status !== 'succeeded') continue;
    const output = record(task.output);
    if (record(output.approval).status !== 'pending') continue;
    const allowed = record(output.policy).allowedEvents;
    if (Array.isArray(allowed)) for (const e of allowed) if (typeof e === 'string') events.add(e);
  }
  return events;
}

/** The accepted events safe to offer as quick buttons (at most `limit`). */
export function quickEvents(
  spec: WorkflowSpec,
  accepted: string[],
  tasks: { type: string; status: string; output: unknown }[],
  limit = 3,
): string[] {
  const results = taskResultEvents(spec);
  const awaited = awaitedByDecisions(tasks);
  return accepted.filter((e) => !ENGINE_EVENTS.has(e) && !results.has(e) && !awaited.has(e)).slice(0, limit);
}
