import type { JsonValue } from '../json';
import type { Logger } from '../logger';
import type { TaskRouting } from '../store/task-attempts';

/** What a handler gets: its input and a way to tell where it runs, nothing global. */
export interface TaskContext {
  tenantId: string;
  taskId: string;
  instanceId: string;
  attempt: number;
  name: string;
  signal: AbortSignal;
  logger: Logger;
}

/** A handler's output plus explicit routing; a handler returning a plain value keeps the completionEvent behaviour. */
export class TaskResult {
  constructor(
    readonly output: JsonValue,
    readonly routing: TaskRouting = {},
  ) {}
}

/**
 * Runs one attempt of one task type. Returns the output stored on the task and sent with its completion event,
 * or a TaskResult to choose the event (or none) explicitly.
 */
export type TaskHandler = (input: JsonValue, context: TaskContext) => Promise<JsonValue | TaskResult>;

/** Thrown by a handler when trying again cannot help (bad input, policy violation): the task fails at once. */
export class NonRetriableTaskError extends Error {
  override readonly name = 'NonRetriableTaskError';
}

/** Handlers keyed by task type; the worker looks a task's type up here. */
export class TaskHandlerRegistry {
  private readonly handlers = new Map<string, TaskHandler>();

  register(type: string, handler: TaskHandler): this {
    this.handlers.set(type, handler);
    return this;
  }

  get(type: string): TaskHandler | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
